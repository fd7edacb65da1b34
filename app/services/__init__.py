"""Domain operations shared by the GraphQL API and the HTML pages.

Every rule about who may see or change what lives here, so that both front doors
agree by construction.
"""
