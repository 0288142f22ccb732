import pytest

from tests.factories import cms as f


@pytest.mark.django_db
def test_sitemap_lists_every_language_with_hreflang_alternates(client, home_page):
    page = f.StandardPageFactory(parent=home_page, slug="terms-of-use")
    page.save_revision().publish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    for code in ["en", "fr", "es"]:
        assert f"<loc>http://localhost/{code}/</loc>" in xml
        assert f'hreflang="{code}" href="http://localhost/{code}/"' in xml
    assert 'hreflang="x-default" href="http://localhost/en/"' in xml
    assert "<loc>http://localhost/en/terms-of-use/</loc>" in xml
