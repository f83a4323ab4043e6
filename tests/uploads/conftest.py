import pytest

from tests.web.conftest import site  # noqa: F401 - the small project with one user per role


@pytest.fixture(autouse=True)
def _own_upload_root(settings, tmp_path):
    """Each test here sees only its own stored files."""
    settings.TALLYTALE_UPLOAD_ROOT = tmp_path / "private-uploads"
