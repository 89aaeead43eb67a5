"""A company's brand kit applied to a design, and the sender's values."""

import copy

from .design import find_mjml, node_tag

SOCIAL_NAMES = ("facebook", "instagram", "whatsapp", "linkedin", "x")


def get_brand_kit(company):
    from .models import BrandKit

    kit, _created = BrandKit.objects.get_or_create(company=company)
    return kit


def sender_values(company):
    """The placeholder values that come from the sending company."""
    from .models import BrandKit

    kit = BrandKit.objects.filter(company_id=company.pk).first() if company.pk else None
    return {
        "company_name": company.name,
        "company_address": (kit and kit.footer_address) or company.address,
    }


def apply_brand_kit(design, kit, logo_url=""):
    """A copy of `design` in the kit's colours, font, logo and social links."""
    design = copy.deepcopy(design)
    root = find_mjml(design)
    for node in walk(root):
        restyle(node, kit, logo_url)
    return design


def walk(node):
    yield node
    for child in node.get("components") or []:
        yield from walk(child)


def restyle(node, kit, logo_url):
    tag = node_tag(node)
    attributes = node.setdefault("attributes", {})
    classes = attributes.get("css-class", "").split()
    if "font-family" in attributes:
        attributes["font-family"] = kit.font_family
    if "brand-primary" in classes:
        attributes["background-color"] = kit.primary_color
    if "brand-name" in classes:
        attributes["color"] = kit.primary_color
        if logo_url:
            become_logo(node, logo_url)
    if tag == "mj-social":
        node["components"] = social_elements(node, kit)


def become_logo(node, logo_url):
    node.clear()
    node.update(
        type="mj-image",
        attributes={
            "src": logo_url,
            "alt": "{{ company_name }}",
            "width": "160px",
            "padding": "0 24px",
            "css-class": "brand-logo",
        },
    )


def social_elements(node, kit):
    links = kit.social_links()
    if not links:
        return node.get("components") or []
    return [
        {
            "type": "mj-social-element",
            "attributes": {
                "name": f"{name}-noshare",
                "href": url,
                "src": f"/static/templates_lib/img/social/{name}.png",
                "alt": name.capitalize(),
                "background-color": "transparent",
            },
        }
        for name, url in links.items()
    ]
