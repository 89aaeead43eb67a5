"""Segments: rules as JSON, checked, then compiled into one query.

A rule tree is a group, `{"match": "all" | "any", "rules": [...]}`, whose
rules are conditions or nested groups; `"negate": true` on a group keeps
the contacts it does not select (NOT). A condition names a field, an
operator and, when the operator needs one, a value:

    {"field": "city", "op": "equals", "value": "Douala"}
    {"field": "custom.points", "op": "greater_than", "value": 100}
    {"field": "tag", "op": "has_tag", "value": "vip"}
    {"field": "activity", "op": "opened", "days": 30, "campaign": 12}
    {"field": "engagement_score", "op": "between", "value": [30, 69]}

`check_rules` refuses anything else with a message that says where and
what to fix; `compile_rules` turns checked rules into a Q object of
column lookups and EXISTS subqueries, so a count or a page of a segment
is one SQL query however deep the groups go.
"""

import datetime
import numbers

from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Q,
)
from django.db.models.functions import Lower
from django.db.models.lookups import In
from django.utils import timezone
from django.utils.translation import gettext as _

from . import suppression
from .fields import definitions_for
from .models import Activity, Contact, EngagementLevel, FieldDefinition, Segment, Tag

MAX_DEPTH = 4
MAX_CONDITIONS = 50
MAX_LIST_ITEMS = 200
MAX_TEXT = 200
MAX_DAYS = 36_500

TEXT, NUMBER, DATE, DATETIME, BOOLEAN, CHOICE = (
    "text",
    "number",
    "date",
    "datetime",
    "boolean",
    "choice",
)

OPERATORS = {
    TEXT: {
        "equals",
        "not_equals",
        "contains",
        "starts_with",
        "in_list",
        "is_empty",
        "is_not_empty",
    },
    CHOICE: {"equals", "not_equals", "in_list", "is_empty", "is_not_empty"},
    NUMBER: {
        "equals",
        "not_equals",
        "greater_than",
        "less_than",
        "between",
        "in_list",
        "is_empty",
        "is_not_empty",
    },
    DATE: {"equals", "before", "after", "within_last_days", "is_empty", "is_not_empty"},
    BOOLEAN: {"equals", "is_empty", "is_not_empty"},
}
OPERATORS[DATETIME] = OPERATORS[DATE]
NO_VALUE = {"is_empty", "is_not_empty"}

# Contact columns a rule may name, with their kind of value.
CONTACT_FIELDS = {
    "email": TEXT,
    "first_name": TEXT,
    "last_name": TEXT,
    "phone": TEXT,
    "organization": TEXT,
    "city": TEXT,
    "country": TEXT,
    "language": TEXT,
    "timezone": TEXT,
    "consent_source": TEXT,
    "status": CHOICE,
    "engagement_level": CHOICE,
    "engagement_score": NUMBER,
    "birthday": DATE,
    "created_at": DATETIME,
    "consent_at": DATETIME,
}
CONTACT_CHOICES = {
    "status": Contact.Status.values,
    "engagement_level": EngagementLevel.values,
}
# Stored in one case, so matched exactly (and by index) after folding.
FOLDED = {"email": str.lower, "country": str.upper}
NULLABLE = {"birthday", "consent_at"}

TAG_OPERATORS = {"has_tag", "has_not_tag"}
ACTIVITY_KINDS = {
    "received": Activity.Kind.RECEIVED,
    "opened": Activity.Kind.OPEN,
    "clicked": Activity.Kind.CLICK,
}
CUSTOM_PREFIX = "custom."


def operator_labels():
    """{operator: label} for the rule builder, in the active language."""
    return {
        "equals": _("est égal à"),
        "not_equals": _("est différent de"),
        "contains": _("contient"),
        "starts_with": _("commence par"),
        "in_list": _("fait partie de la liste"),
        "is_empty": _("est vide"),
        "is_not_empty": _("n'est pas vide"),
        "greater_than": _("est supérieur à"),
        "less_than": _("est inférieur à"),
        "between": _("est compris entre"),
        "before": _("est avant le"),
        "after": _("est après le"),
        "within_last_days": _("dans les derniers jours"),
        "has_tag": _("a l'étiquette"),
        "has_not_tag": _("n'a pas l'étiquette"),
        "received": _("a reçu une campagne"),
        "opened": _("a ouvert une campagne"),
        "clicked": _("a cliqué dans une campagne"),
    }


class RuleError(ValueError):
    """Rules that cannot be used, with the message to show."""


def empty_rules():
    return {"match": "all", "rules": []}


# Checking


def check_rules(company, rules):
    """Answer `rules` if they are usable for the company, else RuleError."""
    checker = Checker(definitions_for(company))
    checker.group(rules, path=[], depth=1)
    return rules


class Checker:
    def __init__(self, definitions):
        self.definitions = definitions
        self.conditions = 0

    def group(self, node, path, depth):
        where = place(path)
        if not isinstance(node, dict) or set(node) - {"match", "rules", "negate"}:
            raise RuleError(
                _("%(where)s : groupe de règles illisible.") % {"where": where}
            )
        if node.get("match") not in ("all", "any"):
            raise RuleError(
                _(
                    "%(where)s : « match » vaut « all » (toutes) ou « any » (au moins "
                    "une)."
                )
                % {"where": where}
            )
        if depth > MAX_DEPTH:
            raise RuleError(
                _("%(where)s : pas plus de %(max)s niveaux de groupes imbriqués.")
                % {"where": where, "max": MAX_DEPTH}
            )
        expect(
            isinstance(node.get("negate", False), bool),
            _("%(where)s : « negate » vaut true ou false.") % {"where": where},
        )
        children = node.get("rules")
        if not isinstance(children, list):
            raise RuleError(
                _("%(where)s : « rules » doit être une liste.") % {"where": where}
            )
        for index, child in enumerate(children, start=1):
            if isinstance(child, dict) and "match" in child:
                self.group(child, path + [index], depth + 1)
            else:
                self.condition(child, path + [index])

    def condition(self, node, path):
        where = place(path)
        self.conditions += 1
        if self.conditions > MAX_CONDITIONS:
            raise RuleError(
                _("Pas plus de %(max)s conditions par segment.")
                % {"max": MAX_CONDITIONS}
            )
        if not isinstance(node, dict) or not isinstance(node.get("field"), str):
            raise RuleError(
                _("%(where)s : condition illisible (champ manquant).")
                % {"where": where}
            )
        try:
            self.check_condition(node)
        except RuleError as exc:
            raise RuleError(
                _("%(where)s : %(error)s") % {"where": where, "error": exc}
            ) from None

    def check_condition(self, node):
        field, op = node["field"], node.get("op")
        if field == "tag":
            expect(
                op in TAG_OPERATORS,
                _("opérateur « %(op)s » inconnu pour une étiquette.") % {"op": op},
            )
            check_text(node.get("value"))
        elif field == "activity":
            check_activity(node)
        else:
            kind, choices = self.field_kind(field)
            expect(
                op in OPERATORS[kind],
                _("opérateur « %(op)s » impossible sur ce champ.") % {"op": op},
            )
            if op not in NO_VALUE:
                check_value(kind, op, node.get("value"), choices)

    def field_kind(self, field):
        """(kind of value, allowed choices or None) of a field name."""
        if field in CONTACT_FIELDS:
            return CONTACT_FIELDS[field], CONTACT_CHOICES.get(field)
        if field.startswith(CUSTOM_PREFIX):
            definition = self.definitions.get(field[len(CUSTOM_PREFIX) :])
            expect(
                definition is not None,
                _("champ personnalisé « %(field)s » inconnu.") % {"field": field},
            )
            return definition.field_type, definition.choices or None
        raise RuleError(_("champ « %(field)s » inconnu.") % {"field": field})


def place(path):
    if not path:
        return _("Segment")
    return _("Règle %(path)s") % {"path": ".".join(str(i) for i in path)}


def expect(condition, message):
    if not condition:
        raise RuleError(message)


def check_text(value):
    expect(
        isinstance(value, str) and 0 < len(value.strip()) <= MAX_TEXT,
        _("saisissez un texte de 1 à %(max)s caractères.") % {"max": MAX_TEXT},
    )


def check_number(value):
    expect(
        isinstance(value, numbers.Real)
        and not isinstance(value, bool)
        and abs(value) < 1e15,
        _("saisissez un nombre."),
    )


def check_date(value):
    try:
        datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise RuleError(_("saisissez une date (aaaa-mm-jj).")) from None


def check_days(value):
    expect(
        isinstance(value, int)
        and not isinstance(value, bool)
        and 1 <= value <= MAX_DAYS,
        _("saisissez un nombre de jours entre 1 et %(max)s.") % {"max": MAX_DAYS},
    )


def check_value(kind, op, value, choices):
    if op == "in_list":
        expect(
            isinstance(value, list) and 0 < len(value) <= MAX_LIST_ITEMS,
            _("saisissez une liste de 1 à %(max)s valeurs.") % {"max": MAX_LIST_ITEMS},
        )
        for item in value:
            check_value(kind, "equals", item, choices)
    elif op == "between":
        expect(
            isinstance(value, list) and len(value) == 2,
            _("saisissez un minimum et un maximum."),
        )
        check_number(value[0])
        check_number(value[1])
    elif op == "within_last_days":
        check_days(value)
    elif kind == NUMBER:
        check_number(value)
    elif kind in (DATE, DATETIME):
        check_date(value)
    elif kind == BOOLEAN:
        expect(isinstance(value, bool), _("choisissez oui ou non."))
    else:
        check_text(value)
        if choices is not None:
            expect(
                value in choices,
                _("« %(value)s » n'est pas un choix possible.") % {"value": value},
            )


def check_activity(node):
    expect(
        node.get("op") in ACTIVITY_KINDS,
        _("activité « %(op)s » inconnue (received, opened, clicked).")
        % {"op": node.get("op")},
    )
    expect(
        set(node) <= {"field", "op", "days", "campaign", "negate"},
        _("clé inconnue dans la condition."),
    )
    check_days(node.get("days"))
    campaign = node.get("campaign")
    expect(
        campaign is None
        or (
            isinstance(campaign, int)
            and not isinstance(campaign, bool)
            and campaign > 0
        ),
        _("campagne invalide."),
    )
    expect(
        isinstance(node.get("negate", False), bool), _("« negate » vaut true ou false.")
    )


# Compiling


def compile_rules(company, rules, now=None):
    """The Q object selecting the contacts the (checked) rules describe."""
    definitions = definitions_for(company)
    Checker(definitions).group(rules, path=[], depth=1)
    return Compiler(company, definitions, now or timezone.now()).group(rules)


def contacts_matching(company, rules, now=None):
    contacts = Contact.objects.filter(company=company)
    return contacts.filter(compile_rules(company, rules, now))


def segment_contacts(segment, now=None):
    return contacts_matching(segment.company, segment.rules, now)


def audience(company, include_segment_ids, exclude_segment_ids=()):
    """The contacts a campaign may send to, as one queryset.

    Contacts in any included segment (all contacts when none is given),
    minus those in any excluded segment, minus every contact `sendable`
    leaves out (not subscribed, or suppressed). A segment id of another
    company raises Segment.DoesNotExist.
    """
    include = segments_of(company, include_segment_ids)
    exclude = segments_of(company, exclude_segment_ids)
    contacts = Contact.objects.filter(company=company)

    if include:
        contacts = contacts.filter(any_of(company, include))
    if exclude:
        contacts = contacts.exclude(any_of(company, exclude))
    return suppression.sendable(contacts)


def segments_of(company, ids):
    ids = set(ids)
    found = list(Segment.objects.filter(company=company, pk__in=ids))
    if len(found) != len(ids):
        raise Segment.DoesNotExist(f"segments not in company {company.pk}")
    return found


def any_of(company, segments):
    now = timezone.now()
    combined = Q(pk__in=[])
    for segment in segments:
        combined |= compile_rules(company, segment.rules, now)
    return combined


class Compiler:
    def __init__(self, company, definitions, now):
        self.company = company
        self.definitions = definitions
        self.now = now

    def group(self, node):
        parts = [
            self.group(child) if "match" in child else self.condition(child)
            for child in node["rules"]
        ]
        combined = Q()
        for part in parts:
            combined = combined & part if node["match"] == "all" else combined | part
        # An empty group selects everyone, negated or not.
        return ~combined if node.get("negate") and parts else combined

    def condition(self, node):
        field, op = node["field"], node["op"]
        if field == "tag":
            return tag_condition(self.company, op, node["value"])
        if field == "activity":
            return self.activity_condition(node)
        if field.startswith(CUSTOM_PREFIX):
            key = field[len(CUSTOM_PREFIX) :]
            definition = self.definitions[key]
            return self.custom_condition(
                key, definition.field_type, op, node.get("value")
            )
        return self.column_condition(
            field, CONTACT_FIELDS[field], op, node.get("value")
        )

    def activity_condition(self, node):
        since = self.now - datetime.timedelta(days=node["days"])
        done = Activity.objects.filter(
            contact=OuterRef("pk"),
            kind=ACTIVITY_KINDS[node["op"]],
            created_at__gte=since,
        )
        if node.get("campaign"):
            done = done.filter(campaign_id=node["campaign"])
        return ~Q(Exists(done)) if node.get("negate") else Q(Exists(done))

    def column_condition(self, name, kind, op, value):
        if kind == DATETIME:
            return self.datetime_condition(name, op, value)
        if kind == DATE:
            return self.date_condition(name, op, value)
        if op in NO_VALUE:
            empty = (
                Q(**{f"{name}__isnull": True}) if name in NULLABLE else Q(**{name: ""})
            )
            return empty if op == "is_empty" else ~empty
        if kind == TEXT:
            return text_condition(name, op, value)
        return value_condition(name, op, value)

    def date_condition(self, name, op, value):
        if op in NO_VALUE:
            empty = Q(**{f"{name}__isnull": True})
            return empty if op == "is_empty" else ~empty
        if op == "within_last_days":
            today = timezone.localdate(self.now)
            since = today - datetime.timedelta(days=value)
            return Q(**{f"{name}__gte": since, f"{name}__lte": today})
        lookup = {"equals": "", "before": "__lt", "after": "__gt"}[op]
        return Q(**{f"{name}{lookup}": datetime.date.fromisoformat(value)})

    def datetime_condition(self, name, op, value):
        """Dates of a datetime column, as days of the current time zone."""
        if op in NO_VALUE:
            empty = Q(**{f"{name}__isnull": True})
            return empty if op == "is_empty" else ~empty
        if op == "within_last_days":
            return Q(**{f"{name}__gte": self.now - datetime.timedelta(days=value)})
        day = datetime.date.fromisoformat(value)
        start, end = day_start(day), day_start(day + datetime.timedelta(days=1))
        if op == "before":
            return Q(**{f"{name}__lt": start})
        if op == "after":
            return Q(**{f"{name}__gte": end})
        return Q(**{f"{name}__gte": start, f"{name}__lt": end})

    def custom_condition(self, key, kind, op, value):
        path = f"custom_fields__{key}"
        present = Q(custom_fields__has_key=key) & ~Q(**{path: None})
        if op == "is_empty":
            return ~present | Q(**{path: ""})
        if op == "is_not_empty":
            return present & ~Q(**{path: ""})
        if op == "not_equals":
            equal = (
                custom_text_condition(path, "equals", value)
                if kind == TEXT
                else value_condition(path, "equals", value)
            )
            return ~(present & equal)
        if op == "within_last_days":
            today = timezone.localdate(self.now)
            since = (today - datetime.timedelta(days=value)).isoformat()
            match = Q(**{f"{path}__gte": since, f"{path}__lte": today.isoformat()})
        elif kind == TEXT:
            match = custom_text_condition(path, op, value)
        else:
            match = value_condition(path, op, value)
        if op in ("less_than", "before") or connection.vendor != "postgresql":
            # A JSON null is below every value in PostgreSQL's jsonb order,
            # and SQLite compares it as the text 'null', above numbers.
            match = ~Q(**{path: None}) & match
        return known(match)


class IsTrue(Func):
    """`(condition) IS TRUE`: false, not unknown, where the condition is NULL."""

    template = "(%(expressions)s) IS TRUE"
    output_field = BooleanField()


def known(condition):
    """A comparison of a custom value, true only where it holds.

    The key's comparison alone is NULL on a contact without the key, so it
    cannot match; IS TRUE keeps it from becoming unknown under a negated
    group, which would drop that contact from the group's complement.
    Spelling out "has the key and it is not null" as well read the value
    three times per contact: on a million contacts on PostgreSQL, a fifth
    of a segment's count (see `make bench-segments`).
    """
    return Q(IsTrue(ExpressionWrapper(condition, output_field=BooleanField())))


def day_start(day):
    moment = datetime.datetime.combine(day, datetime.time())
    return timezone.make_aware(moment, timezone.get_current_timezone())


def text_condition(name, op, value):
    fold = FOLDED.get(name)
    if op == "in_list":
        if fold:
            return Q(**{f"{name}__in": [fold(v.strip()) for v in value]})
        return Q(In(Lower(F(name)), [v.strip().lower() for v in value]))
    value = value.strip()
    if op in ("equals", "not_equals"):
        match = Q(**{name: fold(value)}) if fold else Q(**{f"{name}__iexact": value})
        return match if op == "equals" else ~match
    lookup = {"contains": "icontains", "starts_with": "istartswith"}[op]
    return Q(**{f"{name}__{lookup}": value})


def custom_text_condition(path, op, value):
    if op == "in_list":
        combined = Q(pk__in=[])
        for item in value:
            combined |= Q(**{f"{path}__iexact": item.strip()})
        return combined
    lookup = {
        "equals": "iexact",
        "contains": "icontains",
        "starts_with": "istartswith",
    }[op]
    return Q(**{f"{path}__{lookup}": value.strip()})


def value_condition(path, op, value):
    """Numbers, booleans, choices and ISO dates: compared as stored."""
    if op == "between":
        low, high = sorted(value)
        return Q(**{f"{path}__gte": low, f"{path}__lte": high})
    lookup = {
        "equals": "",
        "in_list": "__in",
        "greater_than": "__gt",
        "less_than": "__lt",
        "before": "__lt",
        "after": "__gt",
    }[op]
    if op == "not_equals":
        return ~Q(**{path: value})
    return Q(**{f"{path}{lookup}": value})


def tag_condition(company, op, name):
    """Through the tag ids, read first: the planner then knows how many
    contacts carry the tag, which a join on its name hides from it."""
    tag_ids = list(
        Tag.objects.filter(company=company, name__iexact=name.strip()).values_list(
            "pk", flat=True
        )
    )
    through = Contact.tags.through.objects.filter(
        contact_id=OuterRef("pk"), tag_id__in=tag_ids
    )
    return Q(Exists(through)) if op == "has_tag" else ~Q(Exists(through))


# What the builder page offers, from the same tables the checker uses.


def builder_fields(company):
    """[{"name", "label", "kind", "choices"}] for the rule builder."""
    labels = {
        "email": _("E-mail"),
        "first_name": _("Prénom"),
        "last_name": _("Nom"),
        "phone": _("Téléphone"),
        "organization": _("Société"),
        "city": _("Ville"),
        "country": _("Pays (code ISO)"),
        "language": _("Langue"),
        "timezone": _("Fuseau horaire"),
        "consent_source": _("Origine du consentement"),
        "status": _("Statut"),
        "engagement_level": _("Niveau d'engagement"),
        "engagement_score": _("Score d'engagement"),
        "birthday": _("Date de naissance"),
        "created_at": _("Date d'ajout"),
        "consent_at": _("Date du consentement"),
    }
    fields = [
        {
            "name": name,
            "label": labels[name],
            "kind": kind,
            "choices": CONTACT_CHOICES.get(name, []),
        }
        for name, kind in CONTACT_FIELDS.items()
    ]
    for definition in FieldDefinition.objects.filter(company=company):
        fields.append(
            {
                "name": CUSTOM_PREFIX + definition.key,
                "label": definition.label,
                "kind": definition.field_type,
                "choices": definition.choices,
            }
        )
    return fields
