"""What the dashboard shows for a company."""

RECENT_ROWS = 3


def summary(company):
    campaigns = getattr(company, "campaigns", None)
    return {
        "contacts_count": company.contacts.count(),
        "campaigns_count": campaigns.count() if campaigns is not None else None,
        "recent_campaigns": list(campaigns.order_by("-pk")[:RECENT_ROWS])
        if campaigns is not None
        else [],
        "recent_imports": list(company.imports.order_by("-created_at")[:RECENT_ROWS]),
        "members_count": company.memberships.count(),
    }
