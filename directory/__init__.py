"""The server-rendered side: the public partner-network directory and the portals."""
