"""The routes of the server-rendered side, each declared public or protected (see
:mod:`directory.access`)."""

from starlette.routing import BaseRoute

from directory import (
    admin,
    auth,
    company,
    consultant,
    links,
    organisation,
    registration,
    team,
    tokens,
)
from directory import public as directory_public
from directory.access import public

routes: list[BaseRoute] = [
    public("/", directory_public.home, name="home"),
    public("/login", auth.login_form, name="login"),
    public("/login", auth.login, methods=["POST"], name="login_submit"),
    public("/logout", auth.logout, methods=["POST"], name="logout"),
    public("/account", auth.account, name="account"),
    public("/account/password", auth.change_password, methods=["POST"], name="change_password"),
    public(
        "/account/sessions/end-others",
        auth.end_other_sessions,
        methods=["POST"],
        name="end_other_sessions",
    ),
    public(
        "/account/sessions/{session_id:int}/end",
        auth.end_one_session,
        methods=["POST"],
        name="end_session",
    ),
    public("/password/forgot", links.forgot_form, name="password_forgot"),
    public("/password/forgot", links.forgot, methods=["POST"], name="password_forgot_submit"),
    public("/password/reset/{token}", links.reset_form, name="password_reset"),
    public("/password/reset/{token}", links.reset, methods=["POST"], name="password_reset_submit"),
    public("/invitation/{token}", links.invitation_form, name="invitation"),
    public(
        "/invitation/{token}", links.accept_invitation, methods=["POST"], name="invitation_submit"
    ),
    *consultant.routes,
    *company.routes,
    *organisation.routes,
    *registration.routes,
    *admin.routes,
    *team.routes,
    *tokens.routes,
]
