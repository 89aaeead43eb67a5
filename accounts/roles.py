"""What each role may do: one table, checked in one place (`can`)."""

OWNER = "owner"
ADMIN = "admin"
MANAGER = "manager"
SPECIALIST = "specialist"
SALES = "sales"
VIEWER = "viewer"

# Actions are coarse verbs on an area; views name the one they need.
PERMISSIONS = {
    OWNER: {"team", "billing", "contacts", "campaigns", "send", "view"},
    ADMIN: {"team", "contacts", "campaigns", "send", "view"},
    MANAGER: {"contacts", "campaigns", "send", "view"},
    SPECIALIST: {"contacts", "campaigns", "send", "view"},
    SALES: {"contacts", "view"},
    VIEWER: {"view"},
}


def can(role, action):
    return action in PERMISSIONS.get(role, set())
