"""Which companies may use premium templates, until billing owns plans.

Paid plans may; a trial may while it runs (premium templates are part of
what a trial shows); the free plan and an expired trial may not.
"""

FREE_PLANS = {"free"}
TRIAL = "trial"


def can_use_premium(company):
    if company.plan in FREE_PLANS:
        return False
    if company.plan == TRIAL:
        return company.trial_days_left > 0
    return True
