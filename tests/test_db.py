import pytest

from app.db import DatabaseTarget, DatabaseUrlError, is_ready


def test_url_with_host_and_password() -> None:
    target = DatabaseTarget.from_url("postgresql://app:s%40cret@db.example:6543/partners")
    assert target == DatabaseTarget(
        host="db.example", port=6543, user="app", password="s@cret", database="partners"
    )
    assert DatabaseTarget.from_url(target.url) == target


def test_url_with_unix_socket() -> None:
    target = DatabaseTarget.from_url("postgresql://postgres:@/postgres?host=/tmp/pg")
    assert target.host == "/tmp/pg"
    assert target.port == 5432
    assert DatabaseTarget.from_url(target.url) == target


def test_label_hides_the_password() -> None:
    target = DatabaseTarget.from_url("postgresql://app:topsecret@localhost/db")
    assert "topsecret" not in target.label


@pytest.mark.parametrize("url", ["mysql://root@localhost/db", "localhost:5432"])
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(DatabaseUrlError, match="postgresql://"):
        DatabaseTarget.from_url(url)


async def test_database_is_ready() -> None:
    assert await is_ready()
