"""Logging in and out, and the account page (sessions, password)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from app.models import Role
from app.services import accounts
from app.services.auth import LoginRefused, authenticate
from app.services.errors import AuthenticationRequired, ValidationError
from app.services.principal import Principal
from app.services.sessions import end_session, start_session
from directory import csrf
from directory.middleware import session_cookie_name
from directory.templating import render

HOME_BY_ROLE = {
    Role.ADMIN: "/admin/companies",
    Role.CONSULTANT: "/consultant/young-people",
    Role.COMPANY: "/company/matches",
    Role.ORGANISATION: "/organisation/referrals",
}


def acting_user(request: Request) -> Principal:
    """The logged-in principal, or a redirect to the login page."""
    principal: Principal = request.state.principal
    if principal.user_id is None:
        raise AuthenticationRequired("log in first")
    return principal


def safe_next(target: str | None) -> str:
    """Only a path on this site: never another host (``//evil``) or a scheme."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return ""


async def login_form(request: Request) -> Response:
    principal: Principal = request.state.principal
    next_path = safe_next(request.query_params.get("next"))
    if principal.role is not None:
        return RedirectResponse(next_path or HOME_BY_ROLE[principal.role], status_code=303)
    notice = ""
    if request.query_params.get("expired") or request.state.session_expired:
        notice = "expired"
    elif request.query_params.get("password_set"):
        notice = "password_set"
    elif request.query_params.get("logged_out"):
        notice = "logged_out"
    email = request.query_params.get("email", "")[:254]
    context = {"email": email, "errors": {}, "form_error": "", "next": next_path, "notice": notice}
    return render(request, "auth/login.html", context)


async def login(request: Request) -> Response:
    form = await request.form()
    email = str(form.get("email", "")).strip()
    password = str(form.get("password", ""))
    next_path = safe_next(str(form.get("next", "")))
    errors = {}
    if not email:
        errors["email"] = "Skriv din e-mailadresse."
    if not password:
        errors["password"] = "Skriv din adgangskode."
    context = {"email": email, "errors": errors, "form_error": "", "next": next_path, "notice": ""}
    if errors:
        return render(request, "auth/login.html", context, status_code=400)
    principal: Principal = request.state.principal
    try:
        user = await authenticate(email, password, ip=principal.ip)
    except LoginRefused as refused:
        context["form_error"] = refused.message
        status = 429 if refused.retry_after else 400
        response = render(request, "auth/login.html", context, status_code=status)
        if refused.retry_after:
            response.headers["Retry-After"] = str(refused.retry_after)
        return response
    key, _ = await start_session(
        user, ip=principal.ip, user_agent=request.headers.get("user-agent", "")
    )
    response = RedirectResponse(next_path or HOME_BY_ROLE[user.role], status_code=303)
    settings = request.app.state.settings
    response.set_cookie(
        session_cookie_name(settings),
        key,
        httponly=True,
        samesite="lax",
        secure=settings.is_production,
        path="/",
    )
    response.delete_cookie(csrf.ANONYMOUS_COOKIE)
    return response


async def logout(request: Request) -> Response:
    session = request.state.session
    if session is not None:
        await end_session(session.id)
    response = RedirectResponse("/login?logged_out=1", status_code=303)
    response.delete_cookie(session_cookie_name(request.app.state.settings), path="/")
    return response


async def account(request: Request) -> Response:
    return await _account_page(request, {}, "")


async def _account_page(
    request: Request, errors: dict[str, str], notice: str, status_code: int = 200
) -> Response:
    principal = acting_user(request)
    sessions = await accounts.list_own_sessions(principal)
    context = {
        "sessions": sessions,
        "current_session_id": request.state.session.id,
        "errors": errors,
        "notice": notice,
    }
    return render(request, "account/account.html", context, status_code=status_code)


async def change_password(request: Request) -> Response:
    principal = acting_user(request)
    form = await request.form()
    try:
        await accounts.change_password(
            principal,
            current=str(form.get("current_password", "")),
            new=str(form.get("new_password", "")),
            repeat=str(form.get("repeat_password", "")),
            keep_session_id=request.state.session.id,
        )
    except ValidationError as invalid:
        return await _account_page(request, invalid.errors, "", status_code=400)
    return await _account_page(request, {}, "password_changed")


async def end_other_sessions(request: Request) -> Response:
    principal = acting_user(request)
    await accounts.end_other_sessions(principal, request.state.session.id)
    return RedirectResponse("/account", status_code=303)


async def end_one_session(request: Request) -> Response:
    principal = acting_user(request)
    await accounts.end_own_session(principal, int(request.path_params["session_id"]))
    return RedirectResponse("/account", status_code=303)
