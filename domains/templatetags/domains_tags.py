from django import template

from domains.dns_checks import domains_needing_attention as needing_attention

register = template.Library()


@register.simple_tag(takes_context=True)
def domains_needing_attention(context):
    """The active company's regressed domains, for the dashboard banner."""
    request = context.get("request")
    company = getattr(request, "company", None)
    if company is None:
        return []
    return list(needing_attention(company))
