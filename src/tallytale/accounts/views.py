"""Sign-in, sign-out, one-time links, invitations, coordinator password resets, API tokens.

Views translate HTTP into `accounts.services` calls. Every view declares the permission it
enforces (`tallytale.programmes.permissions.declares`); project pages also `require(...)` it.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django.views.decorators.http import require_http_methods, require_POST

from tallytale.audit.services import record
from tallytale.errors import NotFound, TallytaleError
from tallytale.programmes import language
from tallytale.programmes.models import Membership, Project, Role
from tallytale.programmes.permissions import PUBLIC, SIGNED_IN, declares, project_view

from . import mfa, ratelimit, services, sessions
from .addresses import client_address
from .models import ApiToken, Invitation

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@declares(PUBLIC)
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@declares(PUBLIC)
class LogoutView(auth_views.LogoutView):
    pass


@declares(PUBLIC)
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switch on every page: Django's `set_language` (the cookie, then back to
    `next`, the same page), and for a signed-in person the choice saved as their language,
    so it is used on every page and in what is e-mailed to them. A code this installation
    does not offer changes nothing."""
    response = i18n_views.set_language(request)
    code = language.offered_code(request.POST.get("language"))
    if code is None:
        return response
    if request.user.is_authenticated:
        language.set_own_language(request.user, code)
    return response


@declares(PUBLIC)
@require_http_methods(["GET", "POST"])
def link_request(request: HttpRequest) -> HttpResponse:
    """Ask for a one-time sign-in link by e-mail (for members who have an address)."""
    if request.method == "POST":
        identifier = request.POST.get("identifier", "")
        if _may_send_link(request, identifier):
            services.request_login_link(
                identifier,
                build_url=lambda secret: request.build_absolute_uri(
                    reverse("accounts:link", args=[secret])
                ),
            )
        # the same page whether sent, limited or unknown: it reveals no account
        return render(request, "accounts/link_sent.html")
    return render(request, "accounts/link_request.html")


def _may_send_link(request: HttpRequest, identifier: str) -> bool:
    """Whether one more sign-in link may be e-mailed: not from an address locked out for
    failed sign-ins, and within LOGIN_LINK_LIMIT per identifier and per client address in
    each LOGIN_LINK_WINDOW (counted with the shared form-post counters). Every request is
    counted, for accounts that exist or not, so the limit itself reveals nothing."""
    from axes.handlers.proxy import AxesProxyHandler

    seconds = int(settings.LOGIN_LINK_WINDOW.total_seconds())
    who = " ".join(identifier.split()).casefold()[:200]
    per_who = ratelimit.hit(f"link:id:{who}", seconds=seconds)
    per_address = ratelimit.hit(f"link:ip:{client_address(request)}", seconds=seconds)
    allowed = (
        per_who <= settings.LOGIN_LINK_LIMIT
        and per_address <= settings.LOGIN_LINK_LIMIT_PER_ADDRESS
        and not AxesProxyHandler.is_locked(request, {"username": identifier})
    )
    if not allowed:
        record("account.login_link_refused", actor_label="web:anonymous", reason="rate limit")
    return allowed


@declares(PUBLIC)
@require_http_methods(["GET", "POST"])
def link_consume(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST signs in: mail scanners that open links must not use them up."""
    if request.method == "POST":
        user = services.consume_login_link(token)
        if user is not None:
            login(request, user, backend=MODEL_BACKEND)
            return redirect("web:home")
    elif services.find_login_link(token) is not None:
        return render(request, "accounts/link_confirm.html")
    return render(request, "accounts/link_invalid.html", status=404)


@declares(PUBLIC)
@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.find_invitation(token)
    if invitation is None:
        return render(request, "accounts/link_invalid.html", status=404)
    invited_in = language.offered_code(invitation.language)
    if invited_in and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        # the invitee has not chosen on this device yet: the page speaks the invitation's
        # language (the switch still changes it)
        translation.activate(invited_in)
        request.LANGUAGE_CODE = invited_in
    error = ""
    signed_in = request.user.is_authenticated
    if request.method == "POST" and signed_in:
        # A signed-in person accepts with their own account (their consent to join);
        # the service refuses an invitation made out to anyone else.
        try:
            services.accept_invitation_as(token, request.user)
        except TallytaleError as exc:
            error = str(exc)
        else:
            messages.success(
                request, _("Welcome to %(project)s.") % {"project": invitation.project.name}
            )
            return redirect("web:home")
    elif request.method == "POST":
        password = request.POST.get("password", "")
        if password != request.POST.get("password2", ""):
            error = _("The two passwords are different.")
        else:
            try:
                user = services.accept_invitation(
                    token,
                    request.POST.get("username", ""),
                    password,
                    language=request.POST.get("language", ""),
                )
            except TallytaleError as exc:
                error = str(exc)
            else:
                login(request, user, backend=MODEL_BACKEND)
                chosen = language.chosen_language(user)
                if chosen:
                    translation.activate(chosen)
                messages.success(
                    request, _("Welcome to %(project)s.") % {"project": invitation.project.name}
                )
                return redirect("web:home")
    return render(
        request,
        "accounts/accept.html",
        {
            "invitation": invitation,
            "error": error,
            "username": request.POST.get("username", ""),
            "signed_in_as": request.user.get_username() if signed_in else "",
            "languages": settings.LANGUAGES,
            "language": language.offered_code(request.POST.get("language"))
            or translation.get_language(),
        },
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
@project_view("people.manage")
def people_page(request: HttpRequest, project: Project) -> HttpResponse:
    """A coordinator's accounts page: invite someone, see who has an account."""
    link = error = ""
    if request.method == "POST":
        try:
            _, secret = services.invite(
                project,
                request.POST.get("person_code", "").strip(),
                request.POST.get("role", Role.PARTICIPANT),
                actor=request.user,
                email=request.POST.get("email", "").strip(),
                language=request.POST.get("language", ""),
                build_url=lambda s: request.build_absolute_uri(
                    reverse("accounts:accept", args=[s])
                ),
            )
        except TallytaleError as exc:
            error = str(exc)
        else:
            link = request.build_absolute_uri(reverse("accounts:accept", args=[secret]))
    members = (
        Membership.objects.filter(project=project, person__erased_at__isnull=True)
        .select_related("person__user")
        .order_by("person__code", "role")
    )
    pending = Invitation.objects.filter(project=project, used_at__isnull=True).order_by(
        "-created_at"
    )[:50]
    return render(
        request,
        "accounts/people.html",
        {
            "project": project,
            "members": members,
            "pending": pending,
            "roles": Role.choices,
            "languages": settings.LANGUAGES,
            "link": link,
            "error": error,
        },
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
@project_view("people.manage")
def reset_password(request: HttpRequest, project: Project, code: str) -> HttpResponse:
    """A coordinator sets a new password for a member who has no e-mail to reset it with."""
    if not Membership.objects.filter(project=project, person__code=code).exists():
        raise Http404(_("no such member"))
    error = ""
    if request.method == "POST":
        password = request.POST.get("password", "")
        if password != request.POST.get("password2", ""):
            error = _("The two passwords are different.")
        else:
            try:
                services.reset_member_password(project, code, password, actor=request.user)
            except TallytaleError as exc:
                error = str(exc)
            else:
                messages.success(
                    request,
                    _("New password set for %(code)s. Tell them in person.") % {"code": code},
                )
                return redirect("accounts:people", slug=project.slug)
    return render(
        request,
        "accounts/reset.html",
        {"project": project, "code": code, "error": error},
        status=400 if error else 200,
    )


@declares(SIGNED_IN)
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """The user's API tokens: create one (its secret is shown once) or see and revoke them."""
    secret = error = ""
    if request.method == "POST":
        try:
            _, secret = services.create_api_token(request.user, request.POST.get("name", ""))
        except TallytaleError as exc:
            error = str(exc)
    return render(
        request,
        "accounts/tokens.html",
        {
            "tokens": ApiToken.objects.filter(user=request.user),
            "secret": secret,
            "error": error,
        },
        status=400 if error else 200,
    )


@declares(SIGNED_IN)
@login_required
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.revoke_api_token(request.user, pk)
    except NotFound:
        raise Http404(_("no such token")) from None
    messages.success(request, _("Token revoked."))
    return redirect("accounts:tokens")


# --- second factor, re-authentication and sessions --------------------------------------------


def _next(request: HttpRequest) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nxt
    return reverse("web:home")


def _second_factor_given(request: HttpRequest) -> None:
    sessions.rotate(request)
    now = int(time.time())
    request.session[mfa.VERIFIED] = now
    request.session[mfa.AUTH_AT] = now


@declares(SIGNED_IN)
@login_required
@require_http_methods(["GET", "POST"])
def mfa_enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: the secret as text and as an otpauth URI, then a code."""
    if mfa.enrolled(request.user):
        return redirect("accounts:security")
    device = mfa.start_enrolment(request.user) if request.method == "GET" else None
    error = ""
    if request.method == "POST":
        try:
            codes = mfa.confirm_enrolment(request.user, request.POST.get("code", ""))
        except TallytaleError:
            error = _("That code does not match. Check the time on your phone and try again.")
            device = mfa.start_enrolment(request.user)
        else:
            _second_factor_given(request)
            return render(
                request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)}
            )
    return render(
        request,
        "accounts/mfa_enrol.html",
        {
            "secret": device.secret,
            "uri": mfa.provisioning_uri(request.user, device),
            "error": error,
            "next": _next(request),
            "required": mfa.role_requires_mfa(request.user),
        },
        status=400 if error else 200,
    )


@declares(SIGNED_IN)
@login_required
@require_http_methods(["GET", "POST"])
def mfa_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the authenticator app or a recovery code."""
    if not mfa.enrolled(request.user):
        return redirect("accounts:mfa_enrol")
    error = ""
    if request.method == "POST":
        if mfa.check_code(request.user, request.POST.get("code", "")):
            _second_factor_given(request)
            return redirect(_next(request))
        error = _("That code does not match. Try the newest code, or a recovery code.")
    return render(
        request,
        "accounts/mfa_verify.html",
        {"error": error, "next": _next(request)},
        status=400 if error else 200,
    )


@declares(SIGNED_IN)
@login_required
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest) -> HttpResponse:
    """Confirm the password (and authenticator code) before an export or an erasure."""
    needs_code = mfa.enrolled(request.user)
    error = ""
    if request.method == "POST":
        ok = request.user.check_password(request.POST.get("password", ""))
        if ok and needs_code:
            ok = mfa.check_code(request.user, request.POST.get("code", ""))
        if ok:
            request.session[mfa.AUTH_AT] = int(time.time())
            record("account.reauthenticated", actor_label=f"web:{request.user}", actor=request.user)
            return redirect(_next(request))
        record("account.reauth_failed", actor_label=f"web:{request.user}", actor=request.user)
        error = _("That did not match. Check your password and code and try again.")
    return render(
        request,
        "accounts/confirm.html",
        {"error": error, "next": _next(request), "needs_code": needs_code},
        status=400 if error else 200,
    )


@declares(SIGNED_IN)
@login_required
@require_http_methods(["GET", "POST"])
def security(request: HttpRequest) -> HttpResponse:
    """The user's sessions (end one, or all others) and second-factor status."""
    codes: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "end_others":
            n = sessions.end_others(request.user, request.session.session_key)
            messages.success(request, _("Signed out %(n)d other sessions.") % {"n": n})
        elif action == "end":
            try:
                sessions.end(request.user, int(request.POST.get("session", "0") or 0))
            except (NotFound, ValueError):
                raise Http404(_("no such session")) from None
            messages.success(request, _("That session is signed out."))
        elif action == "recovery_codes":
            try:
                codes = mfa.regenerate_recovery_codes(request.user)
            except TallytaleError as exc:
                messages.error(request, str(exc))
        if not codes:
            return redirect("accounts:security")
    return render(
        request,
        "accounts/security.html",
        {
            "sessions": sessions.active(request.user),
            "current": request.session.session_key,
            "enrolled": mfa.enrolled(request.user),
            "codes_left": mfa.recovery_codes_left(request.user),
            "codes": codes,
        },
    )
