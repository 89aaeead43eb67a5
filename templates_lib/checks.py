"""What must be fixed before a design is sent, each with how to fix it."""

from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.translation import gettext_lazy as _

from .design import find_mjml, node_tag
from .placeholders import CONTACT_FIELDS, SENDER_FIELDS, TOKEN_RE, UNSUBSCRIBE

# Gmail cuts messages whose HTML is over 102 KB behind "Message clipped",
# hiding the footer and its unsubscribe link.
GMAIL_CLIP_BYTES = 102 * 1024
LINK_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    fix: str


class Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append((dict(attrs).get("href") or "").strip())


def run_checks(design, compiled, custom_fields=()):
    """Every problem of a compiled design; an empty list means ready."""
    problems = []
    problems += unsubscribe_problems(compiled)
    problems += alt_text_problems(design)
    problems += size_problems(compiled)
    problems += link_problems(compiled)
    problems += placeholder_problems(compiled, custom_fields)
    return problems


def hrefs(compiled):
    parser = Links()
    parser.feed(compiled.html_parts.tokenised)
    return parser.hrefs


def slot_name(href, compiled):
    """The placeholder an href consists of, or None."""
    match = TOKEN_RE.fullmatch(href)
    if match is None:
        return None
    return compiled.html_parts.slots_by_token[int(match.group(1))][0]


def unsubscribe_problems(compiled):
    if any(slot_name(h, compiled) == UNSUBSCRIBE for h in hrefs(compiled)):
        return []
    return [
        Problem(
            "no_unsubscribe",
            _("Il n'y a pas de lien de désabonnement."),
            _(
                "Ajoutez le bloc « Pied de page » ou un lien dont l'adresse est "
                "{{ unsubscribe_url }}."
            ),
        )
    ]


def alt_text_problems(design):
    missing = sum(1 for node in walk(find_mjml(design)) if lacks_alt(node))
    if not missing:
        return []
    return [
        Problem(
            "missing_alt",
            _("%(count)s image(s) sans texte alternatif.") % {"count": missing},
            _(
                "Sélectionnez chaque image et remplissez « Texte alternatif » : "
                "il s'affiche quand les images sont bloquées."
            ),
        )
    ]


def lacks_alt(node):
    if node_tag(node) not in ("mj-image", "img"):
        return False
    return not str((node.get("attributes") or {}).get("alt", "")).strip()


def walk(node):
    yield node
    for child in node.get("components") or []:
        yield from walk(child)


def size_problems(compiled):
    size = len(compiled.html.encode())
    if size <= GMAIL_CLIP_BYTES:
        return []
    return [
        Problem(
            "too_big",
            _("Le message fait %(size)s Ko : Gmail le coupera après 102 Ko.")
            % {"size": size // 1024},
            _("Retirez des sections ou remplacez de longs textes par un lien."),
        )
    ]


def link_problems(compiled):
    bad = [
        h
        for h in hrefs(compiled)
        if slot_name(h, compiled) not in SENDER_FIELDS
        and not h.lower().startswith(LINK_SCHEMES)
    ]
    if not bad:
        return []
    shown = ", ".join(TOKEN_RE.sub("{{…}}", h) or '""' for h in bad[:3])
    return [
        Problem(
            "bad_link",
            _("%(count)s lien(s) invalide(s) : %(links)s")
            % {"count": len(bad), "links": shown},
            _("Chaque lien doit commencer par https://, http:// ou mailto:."),
        )
    ]


def placeholder_problems(compiled, custom_fields):
    known = set(CONTACT_FIELDS) | set(SENDER_FIELDS) | set(custom_fields)
    unknown = [name for name in compiled.variables if name not in known]
    unknown += compiled.malformed
    if not unknown:
        return []
    names = ", ".join(
        "{{ " + n + " }}" if not n.startswith("{") else n for n in unknown
    )
    return [
        Problem(
            "unknown_placeholder",
            _("Variable(s) inconnue(s) : %(names)s") % {"names": names},
            _("Choisissez une variable dans le sélecteur « Personnaliser » : %(known)s")
            % {"known": ", ".join(sorted(known))},
        )
    ]
