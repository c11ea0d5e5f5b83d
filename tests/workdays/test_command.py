"""`manage.py workdays add|months START N`: the date is the last line of stdout; exit 0, 3 or 2."""

import os
import subprocess
import sys
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from xunchar.workdays.models import CalendarDay, CalendarYear

BASE_DIR = Path(__file__).resolve().parents[2]


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("workdays", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue().strip().splitlines(), err.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args, expected",
    [
        (("add", "2026-04-30", "10"), "2026-05-18"),
        (("months", "2026-01-30", "1"), "2026-02-28"),
        (("months", "2025-08-31", "1"), "2025-09-30"),
        (("add", "2025-09-30", "1"), "2025-10-09"),
    ],
)
def test_prints_the_date_as_the_last_line(args, expected):
    code, lines, err = run(*args)
    assert code == 0
    assert lines[-1] == expected
    assert err == ""


@pytest.mark.django_db
def test_a_count_into_2027_prints_its_best_date_and_exits_3():
    code, lines, err = run("add", "2026-12-24", "10")
    assert code == 3
    assert lines[-1] == "2027-01-07"
    assert "2027年" in err and "尚未确认" in err


@pytest.mark.django_db
def test_once_the_office_confirmed_2027_the_count_is_final():
    CalendarDay.objects.create(date=date(2027, 1, 1), is_workday=False, name="元旦")
    code, lines, _ = run("add", "2026-12-24", "10")
    assert (code, lines[-1]) == (3, "2027-01-08")  # entered but not confirmed: still provisional
    CalendarYear.objects.create(year=2027, confirmed=True)
    code, lines, err = run("add", "2026-12-24", "10")
    assert (code, lines[-1], err) == (0, "2027-01-08", "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args, fragment",
    [
        (("add", "2026-02-30", "10"), "日期无效"),
        (("add", "30/04/2026", "10"), "日期无效"),
        (("add", "20260430", "10"), "日期无效"),
        (("add", "2026-04-30", "ten"), "数量无效"),
        (("add", "2026-04-30", "0"), "数量无效"),
        (("months", "2026-04-30", "-1"), "数量无效"),
        (("add", "2026-04-30", "501"), "数量无效"),
    ],
)
def test_bad_input_is_a_clear_error_with_status_2(args, fragment):
    with pytest.raises(CommandError) as error:
        call_command("workdays", *args, stdout=StringIO(), stderr=StringIO())
    assert error.value.returncode == 2
    assert fragment in str(error.value)


# Through a real process, as the office runs it: a throwaway migrated database, no rows in it.


@pytest.fixture(scope="session")
def cli_env(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("cli-var")
    env = {
        **os.environ,
        "XUNCHAR_VAR_DIR": str(var_dir),
        "DATABASE_URL": f"sqlite:///{var_dir / 'cli.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "xunchar.settings",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=BASE_DIR, env=env, check=True, capture_output=True, timeout=300,
    )
    return env


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", "workdays", *args],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )


def test_process_exit_0_with_the_date_last(cli_env):
    done = manage(cli_env, "add", "2026-04-30", "10")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "2026-05-18"


def test_process_exit_3_for_an_unconfirmed_year(cli_env):
    done = manage(cli_env, "months", "2026-12-15", "1")
    assert done.returncode == 3
    assert done.stdout.strip().splitlines()[-1] == "2027-01-15"
    assert "2027" in done.stderr


@pytest.mark.parametrize("args", [("add", "2026-13-01", "10"), ("add", "2026-04-30", "x"), ("weeks", "2026-04-30", "1")])
def test_process_exit_2_on_bad_input(cli_env, args):
    done = manage(cli_env, *args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip()
