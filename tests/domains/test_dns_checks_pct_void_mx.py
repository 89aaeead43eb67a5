"""DMARC pct=, SPF void lookups and MX targets, against a real DNS server."""

import pytest

from domains.dns_checks import check_dmarc, check_mx, check_spf

from .conftest import DOMAIN
from .local_dns import txt


def dmarc(server, value):
    server.records[f"_dmarc.{DOMAIN}"]["TXT"] = [txt(value)]


def spf(server, value):
    server.records[DOMAIN]["TXT"] = [txt(value)]


# DMARC pct= -------------------------------------------------------------------


def test_pct_100_is_the_full_policy(good_zone, sender_domain, resolver):
    dmarc(good_zone, f"v=DMARC1; p=reject; pct=100; rua=mailto:d@{DOMAIN}")

    result = check_dmarc(sender_domain, resolver)

    assert result.status == "ok"
    assert result.message.startswith("Politique « reject »")


def test_a_partial_pct_is_explained(good_zone, sender_domain, resolver):
    dmarc(good_zone, f"v=DMARC1; p=quarantine; pct=25; rua=mailto:d@{DOMAIN}")

    result = check_dmarc(sender_domain, resolver)

    assert result.status == "warning"
    assert result.message.startswith(
        "« pct=25 » : seuls 25 % des emails qui échouent à DMARC reçoivent la "
        "politique « quarantine »"
    )
    assert "Politique « quarantine »" in result.message
    assert result.expected_record == (
        f"v=DMARC1; p=quarantine; pct=100; rua=mailto:d@{DOMAIN}"
    )


@pytest.mark.parametrize("value", ["150", "abc", "", "-5", "50.5"])
def test_an_invalid_pct_is_an_error_with_the_record_to_publish(
    good_zone, sender_domain, resolver, value
):
    dmarc(good_zone, f"v=DMARC1; p=reject; pct={value}; rua=mailto:d@{DOMAIN}")

    result = check_dmarc(sender_domain, resolver)

    assert result.status == "error"
    assert result.message.startswith(f"La valeur « pct={value} » est invalide")
    assert result.expected_record == (
        f"v=DMARC1; p=reject; pct=100; rua=mailto:d@{DOMAIN}"
    )


def test_pct_under_policy_none_adds_nothing(good_zone, sender_domain, resolver):
    dmarc(good_zone, "v=DMARC1; p=none; pct=10")

    result = check_dmarc(sender_domain, resolver)

    assert result.status == "warning"
    assert result.message.startswith("Politique « none »")


# SPF void lookups --------------------------------------------------------------


def test_more_than_two_void_lookups_is_a_permanent_error(
    good_zone, sender_domain, resolver
):
    spf(
        good_zone,
        "v=spf1 include:sendgrid.net a:old-relay.example mx:gone.example "
        "exists:nothing.example ip4:192.0.2.1 ~all",
    )

    result = check_spf(sender_domain, resolver)

    assert result.status == "error"
    assert result.message.startswith(
        "3 termes de votre SPF renvoient à des noms qui n'existent pas ou n'ont "
        "aucun enregistrement (a:old-relay.example, mx:gone.example, "
        "exists:nothing.example)"
    )
    assert "RFC 7208, 4.6.4" in result.message
    assert result.expected_record == "v=spf1 include:sendgrid.net ip4:192.0.2.1 ~all"


def test_two_void_lookups_are_tolerated(good_zone, sender_domain, resolver):
    spf(good_zone, "v=spf1 include:sendgrid.net a:gone1.example mx:gone2.example ~all")

    result = check_spf(sender_domain, resolver)

    assert result.status == "ok"
    assert result.message == "SPF correct (3 requêtes DNS sur 10 permises)."


def test_names_with_no_record_of_the_type_are_void_too(
    good_zone, sender_domain, resolver
):
    # The domain exists (it has TXT and MX) but has no A or AAAA: "a" is
    # void; relay.example exists with only a TXT record: void as well.
    good_zone.add("relay.example", "TXT", txt("hello"))
    good_zone.add("mail.example", "TXT", txt("hello"))
    spf(
        good_zone,
        "v=spf1 include:sendgrid.net a mx a:relay.example mx:mail.example -all",
    )

    result = check_spf(sender_domain, resolver)

    assert result.status == "error"
    assert f"(a:{DOMAIN}, a:relay.example, mx:mail.example)" in result.message
    assert result.expected_record == "v=spf1 include:sendgrid.net mx -all"


def test_void_lookups_inside_includes_count(good_zone, sender_domain, resolver):
    good_zone.add(
        "partner.example", "TXT", txt("v=spf1 a:x1.example a:x2.example ~all")
    )
    spf(
        good_zone,
        "v=spf1 include:sendgrid.net include:partner.example mx:x3.example ~all",
    )

    result = check_spf(sender_domain, resolver)

    assert result.status == "error"
    assert "(a:x1.example, a:x2.example, mx:x3.example)" in result.message
    assert result.expected_record == (
        "v=spf1 include:sendgrid.net include:partner.example ~all"
    )


def test_macro_terms_are_not_resolved(good_zone, sender_domain, resolver):
    spf(
        good_zone,
        "v=spf1 include:sendgrid.net exists:%{i}.bl.example a:gone1.example "
        "a:gone2.example ~all",
    )

    assert check_spf(sender_domain, resolver).status == "ok"


def test_resolving_terms_are_not_void(good_zone, sender_domain, resolver):
    good_zone.add("relay.example", "A", "192.0.2.7")
    good_zone.add("mail.example", "MX", "10 relay.example.")
    good_zone.add("bl.example", "A", "127.0.0.2")
    spf(
        good_zone,
        "v=spf1 include:sendgrid.net mx a:relay.example/24 mx:mail.example "
        "exists:bl.example ~all",
    )

    assert check_spf(sender_domain, resolver).status == "ok"


# MX targets ----------------------------------------------------------------------


def test_mx_targets_with_an_a_or_aaaa_record_are_fine(
    good_zone, sender_domain, resolver
):
    # mx1 has only an A record and mx2 only an AAAA one.
    result = check_mx(sender_domain, resolver)

    assert result.status == "ok"


def test_an_mx_target_that_does_not_resolve_is_named(
    good_zone, sender_domain, resolver
):
    del good_zone.records[f"mx2.{DOMAIN}"]

    result = check_mx(sender_domain, resolver)

    assert result.status == "warning"
    assert result.message.startswith(f"Le serveur MX mx2.{DOMAIN} n'a pas d'adresse")


def test_every_mx_target_dead_is_an_error(good_zone, sender_domain, resolver):
    good_zone.records[DOMAIN]["MX"] = [
        f"10 mx.{DOMAIN}.old.",
        "20 mail.typo-in-name.example.",
    ]
    good_zone.add(f"mx.{DOMAIN}.old", "TXT", txt("no address here"))

    result = check_mx(sender_domain, resolver)

    assert result.status == "error"
    assert result.message.startswith(
        f"Les serveurs MX de {DOMAIN} (mx.{DOMAIN}.old, mail.typo-in-name.example) "
        "n'ont pas d'adresse"
    )


def test_an_mx_target_timing_out_is_pending(good_zone, sender_domain, resolver):
    good_zone.silent.add(f"mx1.{DOMAIN}")

    result = check_mx(sender_domain, resolver)

    assert result.status == "pending"
