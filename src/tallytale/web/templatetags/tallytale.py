"""Template helpers for pages that link to other apps' pages which may not exist yet."""

from __future__ import annotations

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def optional_url(name: str, *args) -> str:
    """The URL for `name`, or "" when no such route is installed (so the link is left out)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.filter
def credits(minutes) -> str:
    """Minutes of credit as credits (hours), e.g. 90 -> "1.5"."""
    try:
        m = int(minutes)
    except (TypeError, ValueError):
        return ""
    sign = "-" if m < 0 else ""
    whole, rest = divmod(abs(m), 60)
    if rest == 0:
        return f"{sign}{whole}"
    return f"{sign}{abs(m) / 60:.2f}".rstrip("0").rstrip(".")


@register.filter
def credits_figure(minutes) -> str:
    """Minutes of credit as a figure people read: grouped by the page's language and at most
    two decimals ("3,833.5" in English), for dashboards; `credits` stays plain for forms."""
    from django.utils.formats import number_format

    try:
        value = int(minutes) / 60
    except (TypeError, ValueError):
        return ""
    value = round(value, 2)
    places = next(p for p in (0, 1, 2) if round(value, p) == value)
    return number_format(value, places, force_grouping=True)


@register.filter
def holder(account) -> str:
    """Who holds a ledger account: a member's code, a partner's slug, or the scheme account."""
    if account is None:
        return ""
    if account.person_id:
        return account.person.code
    if account.organisation_id:
        return account.organisation.slug
    return account.get_owner_display()


@register.filter
def chart_svg(chart, caption_id: str):
    """A `web.charts.Chart` as inline SVG (machine numbers, never localised)."""
    return chart.svg(caption_id)


@register.simple_tag(takes_context=True)
def project_places(context, project) -> list:
    """The project menu for the signed-in user (see `web.views.PLACES`)."""
    from tallytale.web.views import project_places as places

    request = context.get("request")
    user = getattr(request, "user", None)
    if project is None or not getattr(project, "slug", None) or user is None:
        return []
    if not user.is_authenticated:
        return []
    match = getattr(request, "resolver_match", None)
    return places(user, project, match.view_name if match else "")


@register.filter
def datalist_options(pairs) -> str:
    """`<option value="code">label</option>` for a datalist of (code, label) pairs, the
    label left out when it is the code. A project's whole membership goes into the hours
    form's list: drawn in one pass with the escaping Django's own `escape` does
    (`html.escape`), not a template loop per member (a tenth of the CPU)."""
    from html import escape

    from django.utils.safestring import mark_safe

    return mark_safe(  # noqa: S308 - every value is escaped here
        "".join(
            f'<option value="{escape(str(c))}">{"" if label == c else escape(str(label))}</option>'
            for c, label in pairs
        )
    )


# --- the page chrome, drawn once per language -----------------------------------------

#: stand-ins for the two values the chrome holds that differ per request; made of
#: characters no template, translation or URL produces, and left alone by HTML escaping
_CSRF_MARK = "\x1etallytale-csrf\x1e"
_HERE_MARK = "\x1etallytale-here\x1e"
_CSRF_FIELD = f'<input type="hidden" name="csrfmiddlewaretoken" value="{_CSRF_MARK}">'


#: bumped whenever a setting changes (tests override LANGUAGES, STATIC_URL, ...): a kept
#: copy of the chrome is drawn under the settings it shows
_settings_generation = 0


@receiver(setting_changed)
def _settings_changed(**kwargs) -> None:
    global _settings_generation
    _settings_generation += 1


class ChromeNode(template.Node):
    """`{% chrome %}...{% endchrome %}`: markup every page repeats (head, site header,
    language switch, footer), rendered once per language, sign-in state, URL prefix and
    settings and then reused, with the request's CSRF token and path put into the copy.

    Why: the base template's links, translations and static paths took about a third of a
    page's server CPU under load (benchmarks/profile_views.py --tree), all of it the same
    for everyone reading in one language. Inside the block only `LANG`, `RTL`, `user`'s
    sign-in state, `{% csrf_token %}` and `{{ here }}` (the request's full path) may vary;
    anything else would be frozen at its first value, which tests/web/test_page_chrome.py
    guards. The copies live on the compiled template's node, so an edited template (in
    development) is never served from an old copy."""

    def __init__(self, nodelist: template.NodeList):
        self.nodelist = nodelist
        self.copies: dict[tuple, str] = {}

    def render(self, context: template.Context) -> str:
        from django.urls import get_script_prefix
        from django.utils.html import escape
        from django.utils.translation import get_language

        request = context.get("request")
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        key = (get_language(), signed_in, get_script_prefix(), _settings_generation)
        copy = self.copies.get(key)
        if copy is None:
            with context.push(csrf_token=_CSRF_MARK, here=_HERE_MARK):
                copy = self.nodelist.render(context)
            self.copies[key] = copy
        if _CSRF_MARK in copy:
            token = str(context.get("csrf_token") or "")
            if token in ("", "NOTPROVIDED"):  # as {% csrf_token %} does: no field at all
                copy = copy.replace(_CSRF_FIELD, "")
            copy = copy.replace(_CSRF_MARK, escape(token))
        if _HERE_MARK in copy:
            copy = copy.replace(_HERE_MARK, escape(request.get_full_path() if request else ""))
        return copy


@register.tag
def chrome(parser, token) -> ChromeNode:
    nodelist = parser.parse(("endchrome",))
    parser.delete_first_token()
    return ChromeNode(nodelist)
