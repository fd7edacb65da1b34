"""The application: both front doors over one domain, assembled in ``create_app``."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from app import db, gc_tuning
from app.api.schema import build_schema
from app.api.view import GraphQLView
from app.health import healthz, readyz
from app.services.errors import AuthenticationRequired, NotFoundError, PermissionDeniedError
from app.settings import PROJECT_ROOT, Settings, SettingsError, load_settings
from directory.errors import (
    forbidden,
    forbidden_request,
    http_error,
    login_required,
    not_found,
    server_error,
)
from directory.middleware import CsrfProtection, SecurityHeaders, Sessions
from directory.routes import routes as directory_routes


def create_app(settings: Settings, database: db.DatabaseTarget | None = None) -> Starlette:
    """Build the app. With ``database`` it serves: it connects on start-up, tunes the
    cycle collector (:mod:`app.gc_tuning`), runs the background worker, and disconnects
    on shutdown; without, the caller (a test) has connected tortoise-orm already and runs
    background work itself."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if database is None:
            yield
            return
        from app.jobs import background_worker

        await db.connect(database, serving=True)
        gc_tuning.tune_for_serving()
        try:
            async with background_worker():
                yield
        finally:
            await db.disconnect()

    graphql = GraphQLView(
        build_schema(production=settings.is_production), production=settings.is_production
    )
    app = Starlette(
        routes=[
            Route("/healthz", healthz, name="healthz"),
            Route("/readyz", readyz, name="readyz"),
            Route("/graphql", graphql, methods=["GET", "POST"], name="graphql"),
            Mount("/static", StaticFiles(directory=PROJECT_ROOT / "static"), name="static"),
            *directory_routes,
        ],
        middleware=[
            Middleware(SecurityHeaders, settings=settings),
            Middleware(Sessions, settings=settings),
            Middleware(CsrfProtection, settings=settings, forbidden=forbidden_request),
        ],
        exception_handlers={
            HTTPException: http_error,
            AuthenticationRequired: login_required,
            NotFoundError: not_found,
            PermissionDeniedError: forbidden,
            Exception: server_error,
        },
        lifespan=lifespan,
    )
    app.state.settings = settings
    return app


def served_app() -> Starlette:
    """The app in each process ``python -m app serve`` starts: its settings come from the
    environment, where the serving command has put the database's URL."""
    settings = load_settings()
    if settings.database_url is None:
        raise SettingsError("DATABASE_URL is not set: start the app with `python -m app serve`")
    return create_app(settings, database=db.DatabaseTarget.from_url(str(settings.database_url)))
