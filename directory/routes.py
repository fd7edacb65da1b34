"""The routes of the server-rendered side."""

from starlette.routing import BaseRoute, Route

from directory import auth, links, public

routes: list[BaseRoute] = [
    Route("/", public.home, name="home"),
    Route("/login", auth.login_form, methods=["GET"], name="login"),
    Route("/login", auth.login, methods=["POST"], name="login_submit"),
    Route("/logout", auth.logout, methods=["POST"], name="logout"),
    Route("/account", auth.account, methods=["GET"], name="account"),
    Route("/account/password", auth.change_password, methods=["POST"], name="change_password"),
    Route(
        "/account/sessions/end-others",
        auth.end_other_sessions,
        methods=["POST"],
        name="end_other_sessions",
    ),
    Route(
        "/account/sessions/{session_id:int}/end",
        auth.end_one_session,
        methods=["POST"],
        name="end_session",
    ),
    Route("/password/forgot", links.forgot_form, methods=["GET"], name="password_forgot"),
    Route("/password/forgot", links.forgot, methods=["POST"], name="password_forgot_submit"),
    Route("/password/reset/{token}", links.reset_form, methods=["GET"], name="password_reset"),
    Route("/password/reset/{token}", links.reset, methods=["POST"], name="password_reset_submit"),
    Route("/invitation/{token}", links.invitation_form, methods=["GET"], name="invitation"),
    Route(
        "/invitation/{token}", links.accept_invitation, methods=["POST"], name="invitation_submit"
    ),
]
