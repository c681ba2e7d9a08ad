"""The web editor (/admin/): its configuration agrees with the content-type schemas field by
field, it covers every file editors change and nothing they may not, and the admin folder
loads nothing from other hosts."""

from __future__ import annotations

import datetime as dt
import json
import re
import typing

import jsonschema
import pytest
import yaml
from pydantic import BaseModel, StringConstraints

from audit import violations
from conftest import ROOT, check, messages, write_story
from ervaringsdeskundigheid.core.consent import Consent
from ervaringsdeskundigheid.core.fields import meta
from ervaringsdeskundigheid.core.settings import SiteSettings
from ervaringsdeskundigheid.render import webeditor as cms
from ervaringsdeskundigheid.render import csp
from ervaringsdeskundigheid.types import TYPES, by_id

PACKAGE = ROOT / cms.PACKAGE
# Every content folder and data file editors change (issue 12), by collection name.
REQUIRED = {
    "stories": "content/stories",
    "blogs": "content/blogs",
    "opleidingen": "data/opleidingen.yml",
    "functieprofielen": "data/functieprofielen.yml",
    "experts": "data/experts.yml",
    "organisations": "data/organisations.yml",
    "faq": "data/faq.yml",
    "checklists": "data/checklists.yml",
    "menukaart": "data/menukaart.yml",
    "monitor": "data/monitor.yml",
    "partners": "data/partners.yml",
    "categories": "data/categories.yml",
    "authors": "data/authors.yml",
    "begrippen": "data/begrippen.yml",
    "redirects": "data/redirects.yml",
    "agenda": "data/agenda.yml",
}
SETTINGS = SiteSettings.model_validate(yaml.safe_load((ROOT / "data/site.yml").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def config() -> dict:
    """The configuration as the build writes it (parsed back from its YAML)."""
    return yaml.safe_load(cms.config_yaml(cms.editor_config(SETTINGS)))


def collections(config) -> dict[str, dict]:
    return {c["name"]: c for c in config["collections"]}


def fields_of(collection: dict) -> list[dict]:
    """The fields of one item: a Markdown file's front matter, an item of a list file, or a group."""
    if "folder" in collection:
        return collection["fields"]
    [file] = collection["files"]
    top = file["fields"]
    lists = [f for f in top if f.get("widget") == "list" and f["name"] == collection["name"]]
    return lists[0]["fields"] if lists else top


def source_of(collection: dict) -> str:
    return collection.get("folder") or collection["files"][0]["file"]


def test_every_content_folder_and_data_file_is_editable_and_issued_codes_is_not(config):
    found = {name: source_of(c) for name, c in collections(config).items()}
    assert found == REQUIRED
    assert {t.source for t in TYPES if t.editable} == set(REQUIRED.values())
    assert not by_id("issued_codes").editable
    assert "issued_codes" not in cms.config_yaml(config)
    for collection in config["collections"]:
        assert collection["publish"] is False  # merging happens on GitHub, after CI


def test_a_story_is_written_with_title_date_description_categories_and_text(config):
    stories = collections(config)["stories"]
    fields = {f["name"]: f for f in stories["fields"]}
    assert {"title", "date", "description", "categories", "body"} <= set(fields)
    assert (fields["date"]["widget"], fields["date"]["format"]) == ("datetime", "YYYY-MM-DD")
    assert fields["categories"]["widget"] == "relation" and fields["categories"]["min"] == 1
    assert fields["body"]["widget"] == "markdown" and fields["body"]["editor_components"] == []
    assert stories["folder"] == "content/stories" and stories["format"] == "yaml-frontmatter"
    assert stories["slug"]["pattern"][0] == r"^[a-z0-9]+(-[a-z0-9]+)*$"


def test_the_poster_inventory_has_its_campaign_above_the_partners(config):
    [file] = collections(config)["partners"]["files"]
    campaign, partners = file["fields"]
    assert campaign["name"] == "campaign" and campaign.get("required", True) and campaign["pattern"]
    assert partners["name"] == "partners" and partners["widget"] == "list" and not partners.get("root")
    inherited = next(f for f in partners["fields"] if f["name"] == "campaign")
    assert inherited["required"] is False  # a partner without its own campaign gets the file's
    others = [c for c in config["collections"] if c["name"] not in ("stories", "blogs", "partners", "monitor")]
    assert all(c["files"][0]["fields"][0]["root"] is True for c in others)


def test_global_settings_for_pull_requests_and_privacy(config):
    assert config["backend"]["name"] == "github" and config["backend"]["auth_methods"] == ["token"]
    assert config["publish_mode"] == "editorial_workflow"
    assert config["output"]["omit_empty_optional_fields"] is True
    assert config["media_libraries"]["stock_assets"] is False
    assert (config["media_folder"], config["public_folder"]) == ("content/afbeeldingen", "/afbeeldingen")


# --- field by field -------------------------------------------------------------------------------


def _parts(annotation) -> tuple[list, list]:
    """(types, metadata) of an annotation with Optional/Annotated taken apart."""
    found, metadata = [], []
    stack = [annotation]
    while stack:
        current = stack.pop()
        origin = typing.get_origin(current)
        if origin is typing.Annotated:
            current, *extra = typing.get_args(current)
            metadata += extra
            stack.append(current)
        elif origin in (typing.Union, __import__("types").UnionType):
            stack += [a for a in typing.get_args(current) if a is not type(None)]
        else:
            found.append(current)
    return found, metadata


def _pattern(annotation, metadata) -> str | None:
    kinds, found = _parts(annotation)
    for item in [*metadata, *found]:
        if isinstance(item, StringConstraints) and item.pattern:
            return item.pattern
    return None


def _models(annotation) -> list[type[BaseModel]]:
    kinds, _ = _parts(annotation)
    result = []
    for kind in kinds:
        for candidate in [kind, *typing.get_args(kind)]:
            candidate = _parts(candidate)[0][0]
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                result.append(candidate)
    return result


def _literal(annotation) -> tuple | None:
    kinds, _ = _parts(annotation)
    for kind in kinds:
        for candidate in [kind, *typing.get_args(kind)]:
            candidate = _parts(candidate)[0][0]
            if typing.get_origin(candidate) is typing.Literal:
                return typing.get_args(candidate)
    return None


def agreement_problems(model: type[BaseModel], fields: list[dict], ctype, path: str) -> list[str]:
    """Every way the CMS fields of `model` differ from the schema."""
    problems = []
    by_name = {f["name"]: f for f in fields}
    extra = set(by_name) - set(model.model_fields) - ({"body"} if path.count(".") == 0 and ctype.is_markdown else set())
    problems += [f"{path}.{name}: in the editor, not in the schema" for name in sorted(extra)]
    for name, info in model.model_fields.items():
        where = f"{path}.{name}"
        cms_field = by_name.get(name)
        if cms_field is None:
            problems.append(f"{where}: missing in the editor")
            continue
        required = cms_field.get("required", True)
        inherited = ctype.id == "partners" and model is ctype.schema and name == "campaign"
        form_required = bool(meta(model, name).get("form_required"))  # a rule between fields decides the rest
        if required != ((info.is_required() or form_required) and not inherited):
            problems.append(f"{where}: required {required}, schema {info.is_required()}")
        if not cms_field.get("hint") or not info.description:
            problems.append(f"{where}: no Dutch hint")
        elif (
            cms_field["hint"].lower()
            != cms._form_hint(info.description, cms.shape(info.annotation, info.metadata)).lower()
            and cms_field.get("widget") != "boolean"
            and not inherited
        ):
            problems.append(f"{where}: hint {cms_field['hint']!r} is not the schema's description")
        if cms_field.get("label", name) == name:
            problems.append(f"{where}: no Dutch label")
        relation = meta(model, name).get("relation")
        widget = cms_field.get("widget", "string")
        if relation:
            target = by_id(relation)
            target_name = cms.collection_name(target)
            expected = {
                "widget": "relation",
                "collection": target_name,
                "file": target_name,
                "value_field": f"{target_name}.*.{target.key}",
            }
            if {key: cms_field.get(key) for key in expected} != expected:
                problems.append(f"{where}: relation {cms_field} is not to {relation}")
            continue
        pattern = _pattern(info.annotation, info.metadata)
        is_list = typing.get_origin(_parts(info.annotation)[0][0]) is list
        if pattern and not is_list and cms_field.get("pattern", [None])[0] != pattern:
            problems.append(f"{where}: pattern {cms_field.get('pattern')} is not {pattern!r}")
        if meta(model, name).get("widget") == "image":
            if cms_field.get("accept") != cms.IMAGE_TYPES:  # only what core/media.py accepts
                problems.append(f"{where}: the image picker accepts more than the build")
        if not pattern and "pattern" in cms_field:
            problems.append(f"{where}: a pattern the schema does not have")
        options = _literal(info.annotation)
        if model is Consent and name == "scope":
            options = ctype.person_fields
        if options is not None:
            values = [o["value"] if isinstance(o, dict) else o for o in cms_field.get("options", [])]
            if widget != "select" or values != list(options):
                problems.append(f"{where}: choices {values} are not {list(options)}")
        nested = _models(info.annotation)
        if nested:
            if widget not in ("object", "list") or "fields" not in cms_field:
                problems.append(f"{where}: {widget} for a group of fields")
            else:
                problems += agreement_problems(nested[0], cms_field["fields"], ctype, where)
        kinds = _parts(info.annotation)[0]
        if kinds == [bool] and widget != "boolean":
            problems.append(f"{where}: {widget} for a yes/no field")
        if kinds == [dt.date] and (widget, cms_field.get("format")) != ("datetime", "YYYY-MM-DD"):
            problems.append(f"{where}: {widget} for a date")
        if meta(model, name).get("widget") == "image" and widget != "image":
            problems.append(f"{where}: {widget} for an image")
        if meta(model, name).get("markdown") and widget != "markdown":
            problems.append(f"{where}: {widget} for Markdown")
    return problems


@pytest.mark.parametrize("type_id", [t.id for t in TYPES if t.editable])
def test_config_and_schema_agree_field_by_field(config, type_id):
    ctype = by_id(type_id)
    collection = collections(config)[cms.collection_name(ctype)]
    problems = agreement_problems(ctype.schema, fields_of(collection), ctype, type_id)
    assert not problems, "\n".join(problems)


def test_the_agreement_check_finds_a_difference(config):
    """The field-by-field check itself: a changed, a missing and an invented field are found."""
    ctype = by_id("experts")
    fields = [dict(f) for f in fields_of(collections(config)["experts"]) if f["name"] != "phone"]
    for field in fields:
        if field["name"] == "email":
            field["pattern"] = ["^.*$", "x"]
        if field["name"] == "name":
            field["required"] = False
    fields.append({"name": "telefoon", "label": "Telefoon", "hint": "x"})
    found = "\n".join(agreement_problems(ctype.schema, fields, ctype, "experts"))
    for expected in (
        "experts.phone: missing",
        "experts.email: pattern",
        "experts.name: required",
        "experts.telefoon: in the editor",
    ):
        assert expected in found


def test_every_pattern_has_a_dutch_message_and_works_in_javascript_too(config):
    patterns = {}

    def walk(fields):
        for field in fields:
            if "pattern" in field:
                patterns[field["pattern"][0]] = field["pattern"][1]
            walk(field.get("fields", []))

    for collection in config["collections"]:
        walk(collection.get("fields", []))
        for file in collection.get("files", []):
            walk(file["fields"])
    assert len(patterns) >= 3
    for pattern, message in patterns.items():
        assert message in cms.PATTERN_MESSAGES.values(), pattern
        re.compile(pattern)
        assert "(?P<" not in pattern and "\\A" not in pattern and "\\Z" not in pattern  # Python-only syntax


def test_relations_point_at_a_list_with_that_key(config):
    by_name = collections(config)
    count = 0

    def walk(fields):
        nonlocal count
        for field in fields:
            if field.get("widget") == "relation":
                count += 1
                target = by_name[field["collection"]]
                [file] = target["files"]
                assert file["name"] == field["file"]
                root, _, key = field["value_field"].partition(".*.")
                [listing] = [f for f in file["fields"] if f["name"] == root and f.get("root")]
                names = {f["name"] for f in listing["fields"]}
                assert key in names and field["display_fields"][0].rpartition(".")[2] in names
            walk(field.get("fields", []))

    for collection in config["collections"]:
        walk(collection.get("fields", []))
        for file in collection.get("files", []):
            walk(file["fields"])
    assert count >= 10


def test_the_config_is_valid_for_the_installed_sveltia(config):
    schema = json.loads((PACKAGE / "schema/sveltia-cms.json").read_text(encoding="utf-8"))
    errors = [f"{list(e.path)}: {e.message[:200]}" for e in jsonschema.Draft7Validator(schema).iter_errors(config)]
    assert not errors, errors
    wrong = dict(config, collections=[dict(config["collections"][0], widgett="string")])
    assert list(jsonschema.Draft7Validator(schema).iter_errors(wrong))  # the schema does catch typos


def test_an_expert_needs_consent_with_its_date_and_what_may_be_shown(config):
    """The form refuses to save an expert without consent: the group, its date and its scope are
    required (no default scope anywhere)."""
    fields = {f["name"]: f for f in fields_of(collections(config)["experts"])}
    consent = fields["consent"]
    assert consent.get("required", True) is True and consent["widget"] == "object"
    inner = {f["name"]: f for f in consent["fields"]}
    assert inner["date"].get("required", True) is True and inner["date"]["widget"] == "datetime"
    assert inner["scope"].get("required", True) is True and inner["scope"]["multiple"] is True
    assert "default" not in inner["scope"]
    assert inner["withdrawn"]["required"] is False
    assert [o["label"] for o in inner["scope"]["options"]][:3] == ["Naam", "Organisatie", "Functie"]


def test_images_are_limited_to_what_the_build_accepts(config):
    """The uploader offers only JPEG, PNG and WebP (no GIF, SVG or AVIF), as core/media.py accepts."""
    from ervaringsdeskundigheid.core.media import FORMATS

    stories = {f["name"]: f for f in collections(config)["stories"]["fields"]}
    assert stories["image"]["accept"] == "image/jpeg,image/png,image/webp"
    assert {kind.split("/")[1].upper() for kind in stories["image"]["accept"].split(",")} == set(FORMATS)
    assert config["media_libraries"]["default"]["config"]["max_file_size"] == cms.MAX_BYTES


def test_the_repository_comes_from_the_settings_or_from_github_actions(monkeypatch):
    monkeypatch.delenv(cms.REPOSITORY_ENV, raising=False)
    assert cms.editor_config(SETTINGS)["backend"]["repo"] == (SETTINGS.repository or cms.PLACEHOLDER_REPOSITORY)
    monkeypatch.setenv(cms.REPOSITORY_ENV, "voorbeeld/site")
    own = SETTINGS.model_copy(update={"repository": "alliantie/ervaringsdeskundigheid"})
    assert cms.editor_config(own)["backend"]["repo"] == "alliantie/ervaringsdeskundigheid"
    assert cms.editor_config(SETTINGS.model_copy(update={"repository": None}))["backend"]["repo"] == "voorbeeld/site"


# --- what the editor writes is accepted -----------------------------------------------------------


def test_an_image_path_as_the_editor_writes_it_is_accepted(project):
    write_story(
        project,
        "met-foto.md",
        "title: Met foto\ndate: 2025-05-01\ndescription: Een verhaal met een foto.\n"
        "categories: [aspirant]\nimage: /afbeeldingen/koffietafel.jpg\nimage_alt: Een koffietafel",
    )
    assert check(project) == []
    write_story(
        project,
        "met-foto.md",
        "title: Met foto\ndate: 2025-05-01\ndescription: Een verhaal met een foto.\n"
        "categories: [aspirant]\nimage: /etc/passwd.jpg\nimage_alt: Een koffietafel",
    )
    assert "content/stories/met-foto.md (regel 6), item 'Met foto', veld 'Afbeelding' ('image')" in messages(
        check(project)
    )


# --- the admin folder -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def admin() -> dict[str, bytes]:
    problems = []
    files = cms.admin_files(ROOT, SETTINGS, problems)
    assert problems == []
    return files


def test_the_admin_folder_loads_nothing_from_other_hosts(admin):
    bundle = admin["admin/sveltia-cms.js"].decode("utf-8")
    # What the stock bundle loads by itself. (Other hosts it names are for features that are
    # off, such as translation with an API key; the admin's CSP blocks them anyway.)
    for host in cms.FOREIGN:
        assert host not in bundle
    for font in re.findall(r"fonts/[a-z0-9-]+\.woff2", bundle):
        assert f"admin/{font}" in admin
    version = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
    assert f"admin/unpkg/@sveltia/cms@{version}/locales/nl.json" in admin
    page = admin["admin/index.html"].decode("utf-8")
    assert f'content="{csp.admin_policy()}"' in page and 'lang="nl"' in page and "noindex" in page
    found = violations(page, "admin/index.html")
    assert found == [
        "admin/index.html: script from 'frame.js'",
        "admin/index.html: script from 'nl.js'",
        "admin/index.html: script from 'sveltia-cms.js'",
    ]
    assert "sourceMappingURL" not in bundle[-300:]


def test_the_interface_has_a_dutch_string_for_every_english_one(admin):
    """Every string of Sveltia's English interface has a Dutch one (its own, or admin/nl-extra.json),
    and the editor never offers to switch to the browser's language."""

    def keys(strings, prefix=""):
        found = set()
        for key, value in strings.items():
            found |= keys(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + key}
        return found

    english = json.loads((PACKAGE / "locales/en-US.json").read_text(encoding="utf-8"))
    version = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
    dutch = json.loads(admin[f"admin/unpkg/@sveltia/cms@{version}/locales/nl.json"])
    assert keys(english) - keys(dutch) == set()
    stock = json.loads((PACKAGE / "locales/nl.json").read_text(encoding="utf-8"))
    extra = json.loads((ROOT / "src/ervaringsdeskundigheid/render/admin/nl-extra.json").read_text(encoding="utf-8"))
    assert set(extra) == keys(english) - keys(stock), "nl-extra.json lists exactly what Sveltia lacks"
    for key, text in extra.items():  # placeholders kept
        english_text = next(
            v
            for k, v in [(key, english)]
            for v in [__import__("functools").reduce(lambda d, part: d[part], key.split("."), english)]
        )
        assert set(re.findall(r"\{\$\w+", text)) == set(re.findall(r"\{\$\w+", english_text)), key
    bundle = admin["admin/sveltia-cms.js"].decode("utf-8")
    assert cms.LANGUAGE_BANNER not in bundle and "newLanguageCta" in bundle


def test_an_unknown_bundle_stops_the_build_instead_of_loading_from_other_hosts():
    bundle = (PACKAGE / "dist/sveltia-cms.js").read_text(encoding="utf-8")
    cms.rewrite_bundle(bundle)
    with pytest.raises(cms.BundleError):
        cms.rewrite_bundle(bundle.replace("cdn.jsdelivr.net/fontsource", "cdn.example.org/fontsource"))
    with pytest.raises(cms.BundleError, match="fonts.gstatic.com"):
        cms.rewrite_bundle(bundle + "\nfetch('https://fonts.gstatic.com/x');")


def test_without_the_npm_package_admin_explains_itself(tmp_path):
    said, problems = [], []
    files = cms.admin_files(tmp_path, SETTINGS, problems, say=said.append)
    assert (
        set(files) == {"admin/config.yml", "admin/index.html", "admin/admin.css", "admin/frame.js"} and problems == []
    )
    page = files["admin/index.html"].decode("utf-8")
    assert "make setup" in page and "<script" not in page and violations(page) == []
    assert said and "make setup" in said[0]


def test_the_admin_has_its_own_header_policy():
    headers = csp.header_files("/ervaringsdeskundigheid/")
    netlify = headers["_headers"]
    assert netlify.index("/*\n") < netlify.index("/admin/*\n")  # the later, narrower rule wins
    assert f"Content-Security-Policy: {csp.admin_policy(header=True)}" in netlify
    nginx = headers["security-headers.nginx.conf"]
    assert '"^/ervaringsdeskundigheid/admin/"' in nginx and csp.admin_policy(header=True) in nginx
    assert "'unsafe-inline'" not in csp.policy() and "https:" not in csp.policy()
    assert "'unsafe-eval'" not in csp.admin_policy() and "script-src 'self';" in csp.admin_policy()
