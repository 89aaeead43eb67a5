"""The contact list's filters: search, status, tag, segment, engagement."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import BooleanField, Value
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from . import segments
from .models import Contact, EngagementLevel, Segment, Tag, search_document

# A filtered list counts at most this many contacts: beyond it the page
# says "more than 10,000", and the count stays an index scan on a million.
COUNT_CAP = 10_000

FILTER_NAMES = ["q", "status", "tag", "segment", "level"]

# "WHERE false", rather than .none(): the bulk actions turn a selection
# into SQL, which an empty queryset cannot give.
NOBODY = Value(False, output_field=BooleanField())


class ContactListForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[("", _("Tous les statuts")), *Contact.Status.choices],
    )
    tag = forms.ChoiceField(label=_("Étiquette"), required=False)
    segment = forms.ChoiceField(label=_("Segment"), required=False)
    level = forms.ChoiceField(
        label=_("Engagement"),
        required=False,
        choices=[("", _("Tout engagement")), *EngagementLevel.choices],
    )

    def __init__(self, company, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.company = company
        tags = Tag.objects.filter(company=company).values_list("name", flat=True)
        self.fields["tag"].choices = [("", _("Toutes les étiquettes"))] + [
            (name, name) for name in tags
        ]
        found = Segment.objects.filter(company=company).values_list("pk", "name")
        self.fields["segment"].choices = [("", _("Tous les contacts"))] + [
            (str(pk), name) for pk, name in found
        ]

    def clean_segment(self):
        """A segment whose stored rules no longer check (a custom field it
        names was deleted since) cannot be read either."""
        chosen = self.cleaned_data["segment"]
        if chosen:
            rules = Segment.objects.get(company=self.company, pk=chosen).rules
            try:
                segments.check_rules(self.company, rules)
            except segments.RuleError as exc:
                raise forms.ValidationError(str(exc)) from None
        return chosen

    @property
    def is_filtered(self):
        return self.is_valid() and any(self.cleaned_data.get(n) for n in FILTER_NAMES)

    @property
    def is_refused(self):
        """Filters were given and one of them cannot be read."""
        return self.is_bound and not self.is_valid()


def filtered_contacts(company, data):
    """(form, contacts of the company the filters in `data` select).

    Filters that cannot be read (another company's segment, a tag that is
    gone, a garbage value) select nobody, never everyone: the list would
    otherwise pass for the filtered one, and a bulk action on "all the
    contacts of this search" would reach the whole base.
    """
    form = ContactListForm(company, data or None)
    contacts = Contact.objects.filter(company=company)
    if form.is_refused:
        return form, contacts.filter(NOBODY)
    if form.is_valid():
        contacts = apply_filters(company, contacts, **form.cleaned_data)
    return form, contacts


class FilterRefused(ValueError):
    """Filters that select nothing usable, with the message to show."""


def strictly_filtered_contacts(company, data):
    """The contacts the filters in `data` select, or FilterRefused.

    The list page shows an empty list and the reason; an export says why
    it wrote nothing rather than hand over an empty file. A segment id
    outside the company raises Segment.DoesNotExist.
    """
    segment = data.get("segment", "")
    if segment.isdigit():
        Segment.objects.get(company=company, pk=segment)

    form, contacts = filtered_contacts(company, data)
    if form.is_refused:
        raise FilterRefused(refusal_text(form))
    return contacts


def refusal_text(form):
    return " ".join(
        f"{form.fields[name].label} : {' '.join(errors)}"
        for name, errors in form.errors.items()
    )


def apply_filters(company, contacts, q="", status="", tag="", segment="", level=""):
    if q.strip():
        document = search_document()
        contacts = contacts.alias(document=document).filter(
            document__contains=q.strip().lower()
        )
    if status:
        contacts = contacts.filter(status=status)
    if level:
        contacts = contacts.filter(engagement_level=level)
    if tag:
        contacts = contacts.filter(segments.tag_condition(company, "has_tag", tag))
    if segment:
        chosen = Segment.objects.get(company=company, pk=segment)
        contacts = contacts.filter(segments.compile_rules(company, chosen.rules))
    return contacts


class CappedPaginator(Paginator):
    """Counts exactly up to COUNT_CAP + 1, so `is_capped` can tell."""

    def __init__(self, *args, capped=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.capped = capped

    @cached_property
    def count(self):
        if not self.capped:
            return self.object_list.count()
        return min(self.object_list[: COUNT_CAP + 1].count(), COUNT_CAP)

    @cached_property
    def is_capped(self):
        if not self.capped or self.count < COUNT_CAP:
            return False
        return self.object_list[COUNT_CAP : COUNT_CAP + 1].exists()
