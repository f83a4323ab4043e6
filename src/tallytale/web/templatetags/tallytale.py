"""Template helpers for pages that link to other apps' pages which may not exist yet."""

from __future__ import annotations

from django import template
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
