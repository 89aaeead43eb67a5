import pytest

from mailcatcher import store

pytestmark = [pytest.mark.process]


@pytest.fixture
def stored_id(transactional_db, deliver):
    deliver("Facture de mai", html="<p>Montant : 25 000 FCFA</p>")
    [message_id] = store.message_ids()
    return message_id


def catcher_urls(message_id):
    return [
        "/mailcatcher/",
        f"/mailcatcher/{message_id}/",
        f"/mailcatcher/{message_id}/source/",
    ]


def test_it_answers_404_to_a_member_who_is_not_staff(stored_id, owner_client):
    for url in catcher_urls(stored_id):
        response = owner_client.get(url)
        assert response.status_code == 404, url
        assert b"Facture de mai" not in response.content


def test_it_answers_404_to_an_anonymous_visitor(stored_id, client):
    for url in catcher_urls(stored_id):
        assert client.get(url).status_code == 404, url


def test_it_refuses_to_clear_the_catcher_for_a_member_who_is_not_staff(
    stored_id, owner_client
):
    response = owner_client.post("/mailcatcher/vider/")

    assert response.status_code == 404
    assert store.message_ids() == [stored_id]


def test_it_clears_every_message_for_staff(stored_id, staff_client):
    response = staff_client.post("/mailcatcher/vider/", follow=True)

    assert response.status_code == 200
    assert store.message_ids() == []
    assert "1 messages supprimés." in response.content.decode()


def test_it_answers_404_to_an_id_outside_the_catcher_folder(
    stored_id, staff_client, catcher_dir
):
    (catcher_dir.parent / "secret.eml").write_text("Subject: secret\r\n\r\nsecret")

    for message_id in ["..%2Fsecret", "secret", stored_id + "x", "1234567890-zzzzzzzz"]:
        response = staff_client.get(f"/mailcatcher/{message_id}/source/")
        assert response.status_code == 404, message_id
