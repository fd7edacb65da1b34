"""The routes of the server-rendered side."""

from starlette.routing import BaseRoute, Route

from directory import public

routes: list[BaseRoute] = [
    Route("/", public.home, name="home"),
]
