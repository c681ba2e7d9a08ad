"""The web editor at /admin/: Sveltia CMS (npm `@sveltia/cms`), served from the site itself.

`editor_config` makes its config.yml from the content-type declarations (types/), so the
schemas stay the one source: every field with its Dutch label and hint, required or not,
its pattern, choices and relations. `admin_files` gives every file under admin/: the page,
the configuration, and the editor's bundle from node_modules, rewritten so it loads nothing
from other hosts (fonts, translations and an update check come from CDNs in the stock bundle).

Editors sign in with a GitHub token and every change becomes a pull request that CI checks
(editorial workflow, `publish: false`: merging happens on GitHub). Locally, `make serve` and
"Werken met een lokale repository" write straight into the working tree.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import types as pytypes
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Callable, Literal, Union, get_args, get_origin

import yaml
from annotated_types import Ge, Gt, Le, Lt, MaxLen, MinLen
from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo

from ..core import urls
from ..core.consent import Consent
from ..core.fields import EMAIL_PATTERN, PAGE_PATH_PATTERN, SLUG_PATTERN, URL_PATTERN, meta
from ..core.fields import label_of as field_label
from ..core.media import FORMATS as MEDIA_FORMATS
from ..core.media import IMAGE_FOLDER, IMAGE_SUBFOLDER, MAX_BYTES
from ..core.problems import Problem
from ..core.settings import SiteSettings
from . import csp
from ..types import TYPES, ContentType
from ..types.partners import PARTNERS_FILE

ADMIN = urls.ADMIN
PACKAGE = "node_modules/@sveltia/cms"  # installed by `make setup` (npm ci) from package-lock.json
MEDIA_FOLDER = f"{IMAGE_FOLDER}/{IMAGE_SUBFOLDER}"
PUBLIC_FOLDER = f"/{IMAGE_SUBFOLDER}"  # Sveltia writes '/afbeeldingen/x.jpg'; core/media.py accepts it
REPOSITORY_ENV = "GITHUB_REPOSITORY"  # set by GitHub Actions: the repository being built
PLACEHOLDER_REPOSITORY = "eigenaar/repository"
BRANCH = "main"
TITLE_WIDGET_MAX = 200  # longer strings get a text area

# The consent scope's choices: the person's fields, by the labels of the type's schema.
# A story person: its name and the story's image; a contact person (core/contact.py): its routes.
SCOPE_LABELS = {
    "name": "Naam",
    "photo": "Foto",
    "role": "Rol",
    "email": "E-mailadres",
    "phone": "Telefoon",
    "whatsapp": "WhatsApp-nummer",
}
IMAGE_TYPES = ",".join(f"image/{name.lower()}" for name in MEDIA_FORMATS)
PATTERN_MESSAGES = {
    SLUG_PATTERN: "Alleen kleine letters, cijfers en streepjes, zonder spaties. Bijvoorbeeld: anna-de-vries.",
    EMAIL_PATTERN: "Dit is geen e-mailadres. Schrijf het zoals info@voorbeeld.nl.",
    URL_PATTERN: "Dit is geen webadres. Begin met https://, zoals https://www.voorbeeld.nl/.",
    r"^#[0-9a-fA-F]{6}$": "Schrijf een kleur als # met 6 tekens, zoals #0b5563.",
    PAGE_PATH_PATTERN: "Schrijf een adres van deze site met een / aan het eind, zoals verhalen/oude-naam/.",
}
# Editors' Markdown: what our renderer supports, no images or code blocks in the text (an image is
# a field with its description; the code block would load a highlighter from another host).
MARKDOWN_OPTIONS = {
    "buttons": ["bold", "italic", "link", "heading-two", "heading-three", "quote", "bulleted-list", "numbered-list"],
    "editor_components": [],
}
DATE = {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
TIME = {"widget": "datetime", "type": "time", "format": "HH:mm", "step": 300}  # '19:00', in 5-minute steps
COMMIT_MESSAGES = {
    "create": "Nieuw in {{collection}}: {{slug}}",
    "update": "Bijgewerkt in {{collection}}: {{slug}}",
    "delete": "Verwijderd uit {{collection}}: {{slug}}",
    "uploadMedia": "Afbeelding toegevoegd: {{path}}",
    "deleteMedia": "Afbeelding verwijderd: {{path}}",
}


# --- Reading the schemas ------------------------------------------------------------------------


@dataclass
class Shape:
    """A field's type with its wrappers (Annotated, Optional) taken off."""

    base: Any  # str, int, float, bool, dt.date, a model, list, dict, Literal
    optional: bool = False
    constraints: dict = field(default_factory=dict)  # pattern, min_length, max_length, ge, le, gt, lt
    item: "Shape | None" = None  # the items of a list, the values of a dict
    options: tuple = ()  # a Literal's values

    @property
    def inner(self) -> "Shape":
        """The shape of a list's items or a dict's values."""
        if self.item is None:
            raise TypeError(f"the web editor has no widget for a {self.base.__name__} without its item type")
        return self.item


def _absorb(constraints: dict, metadata) -> None:
    for item in metadata:
        if isinstance(item, StringConstraints):
            constraints.update(
                {
                    key: getattr(item, key)
                    for key in ("pattern", "min_length", "max_length")
                    if getattr(item, key) is not None
                }
            )
        elif isinstance(item, FieldInfo):
            _absorb(constraints, item.metadata)
        elif isinstance(item, (Ge, Gt, Le, Lt, MinLen, MaxLen)):
            name = {Ge: "ge", Gt: "gt", Le: "le", Lt: "lt", MinLen: "min_length", MaxLen: "max_length"}[type(item)]
            constraints[name] = getattr(item, name)


def shape(annotation, metadata=()) -> Shape:
    constraints: dict = {}
    optional = False
    _absorb(constraints, metadata)
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            _absorb(constraints, extra)
        elif origin in (Union, pytypes.UnionType):
            kept = [arg for arg in get_args(annotation) if arg is not type(None)]
            optional = optional or len(kept) < len(get_args(annotation))
            if len(kept) != 1:
                raise TypeError(f"the web editor has no widget for {annotation}")
            annotation = kept[0]
        else:
            break
    origin = get_origin(annotation)
    if origin is list:
        return Shape(list, optional, constraints, item=shape(get_args(annotation)[0]))
    if origin is dict:
        return Shape(dict, optional, constraints, item=shape(get_args(annotation)[1]))
    if origin is Literal:
        return Shape(Literal, optional, constraints, options=get_args(annotation))
    return Shape(annotation, optional, constraints)


def is_model(value) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def label_of(model: type[BaseModel], name: str) -> str:
    """The field's Dutch label from its declaration (`hint(label=...)`): one place for the form,
    `make new`, `make check` and the build's messages."""
    label = field_label(model, name)
    if not label:
        raise KeyError(f"{model.__name__}.{name} has no label: give its hint() a label=")
    return label


# --- The configuration --------------------------------------------------------------------------


def collection_name(ctype: ContentType) -> str:
    """The file or folder name: stories, blogs, opleidingen, experts, menukaart, ..."""
    return PurePosixPath(ctype.source).stem if not ctype.is_markdown else PurePosixPath(ctype.source).name


@dataclass
class Context:
    """What the fields of one content type refer to."""

    ctype: ContentType
    types: dict[str, ContentType]


def _relation(target: ContentType, multiple: bool) -> dict:
    name = collection_name(target)
    value: dict[str, Any] = {
        "widget": "relation",
        "collection": name,
        "file": name,
        "value_field": f"{name}.*.{target.key}",
        "display_fields": [f"{name}.*.{target.title_attribute}"],
        "search_fields": [f"{name}.*.{target.title_attribute}"],
    }
    if multiple:
        value["multiple"] = True
    return value


def _pattern(constraints: dict) -> dict:
    pattern = constraints.get("pattern")
    if not pattern:
        return {}
    return {"pattern": [pattern, PATTERN_MESSAGES.get(pattern, "Dit heeft niet de goede vorm.")]}


def _limits(constraints: dict, low: str = "min", high: str = "max") -> dict:
    result = {}
    if "min_length" in constraints:
        result[low] = constraints["min_length"]
    if "max_length" in constraints:
        result[high] = constraints["max_length"]
    return result


def _numbers(constraints: dict) -> dict:
    result = {}
    for key, option in (("ge", "min"), ("gt", "min"), ("le", "max"), ("lt", "max")):
        if key in constraints:
            result[option] = constraints[key]
    return result


def _options(values, labels: Callable[[Any], str] | None = None) -> list:
    if labels is None:
        return list(values)
    return [{"label": labels(value), "value": value} for value in values]


def _scalar(kind: Shape, extra: dict) -> dict:
    """A widget for one value (also for the items of a simple list)."""
    base = kind.base
    if extra.get("widget") == "image":
        # The uploader offers only what the build accepts (core/media.py): JPEG, PNG or WebP. (A pattern
        # cannot check the value: before saving, a new upload's value is a blob: URL.)
        return {"widget": "image", "choose_url": False, "accept": IMAGE_TYPES}
    if base is bool:
        return {"widget": "boolean"}
    if base is int or base is float:
        return {"widget": "number", "value_type": "int" if base is int else "float", **_numbers(kind.constraints)}
    if base is dt.date:
        return dict(DATE)
    if base is dt.time:
        return dict(TIME)
    if base is Literal:
        return {"widget": "select", "options": _options(kind.options)}
    if base is str:
        if extra.get("markdown"):
            return {"widget": "markdown", **MARKDOWN_OPTIONS}
        long = kind.constraints.get("max_length", 0) > TITLE_WIDGET_MAX
        return {"widget": "text" if long else "string", **_pattern(kind.constraints)}
    raise TypeError(f"the web editor has no widget for {base}")


def field_config(model: type[BaseModel], name: str, context: Context) -> dict:
    """The CMS field for one schema field."""
    info = model.model_fields[name]
    extra = meta(model, name)
    kind = shape(info.annotation, info.metadata)
    config: dict = {"name": name, "label": label_of(model, name)}
    if info.description:
        config["hint"] = _form_hint(info.description, kind)
    relation = context.types.get(extra["relation"]) if extra.get("relation") else None
    if relation is not None:
        config.update(_relation(relation, multiple=kind.base is list))
        if kind.base is list:
            config.update(_limits(kind.constraints))
    elif model is Consent and name == "scope":
        # The fields a person may show depend on the type (experts, the person of a story).
        fields = context.ctype.person_fields
        config.update(
            {
                "widget": "select",
                "multiple": True,
                "options": _options(
                    fields, lambda value: field_label(context.ctype.schema, value) or SCOPE_LABELS[value]
                ),
            }
        )
    elif kind.base is list and is_model(kind.inner.base):
        config.update(
            {
                "widget": "list",
                "fields": model_fields(kind.inner.base, context),
                **_limits(kind.constraints),
                **_summary(kind.inner.base),
            }
        )
    elif kind.base is list and kind.inner.base is Literal:
        config.update(
            {"widget": "select", "multiple": True, "options": _options(kind.inner.options), **_limits(kind.constraints)}
        )
    elif kind.base is list and kind.inner.base is str and _scalar(kind.inner, {})["widget"] == "string":
        # Short words, such as tags: one text box, items separated by commas.
        config.update({"widget": "list", **_limits(kind.constraints)})
    elif kind.base is list:
        item = {"name": "item", "label": config["label"], **_scalar(kind.inner, {})}
        config.update({"widget": "list", "field": item, **_limits(kind.constraints)})
    elif kind.base is dict:
        # A mapping with known keys (formats): one number field per key.
        keys = extra["keys"]
        config.update(
            {
                "widget": "object",
                "fields": [{"name": key, "label": key, "required": False, **_scalar(kind.inner, {})} for key in keys],
            }
        )
    elif is_model(kind.base):
        config.update({"widget": "object", "fields": model_fields(kind.base, context)})
    else:
        config.update(_scalar(kind, extra))
    if config.get("widget") == "boolean" and "hint" in config:
        config["hint"] = _switch_words(config["hint"])
    if not info.is_required() and not extra.get("form_required"):
        config["required"] = False
        default = info.get_default(call_default_factory=True)
        if isinstance(default, bool):
            config["default"] = default
    return config


def _form_hint(hint: str, kind: Shape) -> str:
    """A date is picked in the form's calendar, shown the browser's way (DD-MM-JJJJ in a Dutch
    browser): the file's notation JJJJ-MM-DD would only confuse there."""
    if kind.base is dt.date:
        hint = re.sub(r"\s*\(JJJJ-MM-DD\)", "", hint).rstrip()
        hint += (" " if hint else "") + "Kies de datum in de kalender."
    return hint


def _switch_words(hint: str) -> str:
    """'true: nog niet publiceren' reads 'Aan: nog niet publiceren' next to a switch."""
    text = re.sub(r"\bfalse\b", "uit", re.sub(r"\btrue\b", "aan", hint))
    return text[:1].upper() + text[1:]


def _summary(model: type[BaseModel]) -> dict:
    for name in ("title", "name", "label", "question", "term", "year", "partner"):
        if name in model.model_fields:
            return {"summary": "{{fields.%s}}" % name}
    return {}


def model_fields(model: type[BaseModel], context: Context) -> list[dict]:
    return [field_config(model, name, context) for name in model.model_fields]


def _file_fields(ctype: ContentType, context: Context) -> list[dict]:
    """The fields of a data file: one group of fields, or a list of items at the top of the file."""
    if ctype.single:
        return model_fields(ctype.schema, context)
    name = collection_name(ctype)
    items = {
        "name": name,
        "label": ctype.plural,
        "label_singular": ctype.label,
        "widget": "list",
        **({} if ctype.source == PARTNERS_FILE else {"root": True}),  # the file is the list itself
        "collapsed": "auto",
        **_summary(ctype.schema),
        "fields": model_fields(ctype.schema, context),
    }
    if ctype.source == PARTNERS_FILE:
        # data/partners.yml: the campaign, then the partners; a partner without its own campaign
        # gets the file's (see types/partners.py).
        for item in items["fields"]:
            if item["name"] == "campaign":
                item.update(required=False, hint="Leeg laten: dan geldt de drukronde bovenaan.")
        campaign = field_config(ctype.schema, "campaign", context)
        campaign["hint"] = "De drukronde van deze posters (komt in de statistiek), zoals 'posters-ronde-1'."
        return [campaign, {**items, "hint": ctype.editor_hint}]
    return [items]


def collection(ctype: ContentType, context: Context) -> dict:
    name = collection_name(ctype)
    common = {
        "name": name,
        "label": ctype.plural,
        "label_singular": ctype.label,
        "description": ctype.editor_hint,
        "publish": False,
    }
    if ctype.is_markdown:
        fields = model_fields(ctype.schema, context)
        body = {
            "name": "body",
            "label": "Tekst",
            "widget": "markdown",
            **MARKDOWN_OPTIONS,
            "hint": "Korte zinnen en tussenkoppen maken de tekst makkelijk te lezen (taalniveau B1).",
        }
        return {
            **common,
            "folder": ctype.source,
            "extension": "md",
            "format": "yaml-frontmatter",
            "create": True,
            "identifier_field": ctype.title_attribute,
            "slug": {
                "template": "{{title}}",
                "editable": ["create"],
                "pattern": [SLUG_PATTERN, PATTERN_MESSAGES[SLUG_PATTERN]],
                "hint": "De bestandsnaam en het webadres. Na het publiceren nooit meer veranderen.",
            },
            "summary": "{{title}} ({{date}})",
            "sortable_fields": ["date", "title"],
            "fields": [*fields, body],
        }
    return {
        **common,
        "files": [{"name": name, "label": ctype.plural, "file": ctype.source, "fields": _file_fields(ctype, context)}],
    }


def editable_types(types: list[ContentType] | None = None) -> list[ContentType]:
    """In the editor's menu: stories and blogs first, then what readers see as pages, then the rest."""
    chosen = [ctype for ctype in (types if types is not None else TYPES) if ctype.editable]
    return sorted(chosen, key=lambda ctype: (not ctype.is_markdown, not ctype.list_url))


def repository(settings: SiteSettings | None) -> str:
    return (
        (settings.repository if settings and settings.repository else None)
        or os.environ.get(REPOSITORY_ENV)
        or PLACEHOLDER_REPOSITORY
    )


def editor_config(settings: SiteSettings | None, types: list[ContentType] | None = None) -> dict:
    """The whole configuration of the web editor."""
    chosen = editable_types(types)
    all_types = {ctype.id: ctype for ctype in (types if types is not None else TYPES)}
    collections = [collection(ctype, Context(ctype, all_types)) for ctype in chosen]
    config = {
        "backend": {
            "name": "github",
            "repo": repository(settings),
            "branch": BRANCH,
            "auth_methods": ["token"],  # a personal access token: no sign-in server of ours
            "commit_messages": COMMIT_MESSAGES,
        },
        "publish_mode": "editorial_workflow",  # every change a branch and a pull request
        "app_title": f"Webeditor {settings.site_name.lower()}" if settings else "Webeditor",
        "media_folder": MEDIA_FOLDER,
        "public_folder": PUBLIC_FOLDER,
        "media_libraries": {
            "default": {"config": {"max_file_size": MAX_BYTES, "slugify_filename": True}},
            "stock_assets": False,
        },  # no photo libraries from other hosts
        "slug": {"encoding": "ascii", "clean_accents": True, "maxlength": 80},
        "output": {"omit_empty_optional_fields": True},  # the schemas refuse empty strings
        "editor": {"preview": False},  # the raw preview does not look like the site
        "show_preview_links": False,
        "collections": collections,
    }
    if settings:
        config["site_url"] = settings.site_url
    return config


class _Dumper(yaml.CSafeDumper):  # libyaml's emitter (the PyYAML wheel has it): 5x faster
    def ignore_aliases(self, data) -> bool:  # shared option lists are written out, no &anchors
        return True


def config_yaml(config: dict) -> str:
    header = (
        "# Gemaakt door de build uit de inhoudstypen (src/ervaringsdeskundigheid/types/). Verander dit bestand niet.\n"
    )
    return header + yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


# --- The admin folder ---------------------------------------------------------------------------

FONT_URL = re.compile(r"https://cdn\.jsdelivr\.net/fontsource/fonts/([a-z0-9-]+)(?::vf)?@[0-9.]+/([a-z0-9-]+)\.woff2")
UNPKG = "https://unpkg.com/"
LOCAL_UNPKG = "./unpkg/"  # resolves below admin/ for fetch() and for import()
GITHUB_STATUS = "https://www.githubstatus.com/api/v2/status.json"
LOCAL_GITHUB_STATUS = "./github-status.json"
STATUS_UNKNOWN = '{"status": {"indicator": "unknown"}}\n'  # Sveltia shows no banner then
FOREIGN = ("unpkg.com", "cdn.jsdelivr.net", "fonts.googleapis.com", "fonts.gstatic.com", "githubstatus.com/api")
EXPECTED_FONTS = 3
LANGUAGE_BANNER = "if(await c9(`newLanguageCta`))return;"  # offers the browser's language when it is not Dutch
LOCALE = "nl"


class BundleError(Exception):
    """The installed Sveltia CMS is not the one this rewrite knows (a new version)."""


def rewrite_bundle(text: str) -> tuple[str, list[str]]:
    """The bundle with every URL of another host pointed at a file of the site, and the font
    files it then needs. Fails when an expected URL is missing or a foreign one is left."""
    fonts = sorted({f"{m.group(1)}-{m.group(2)}.woff2" for m in FONT_URL.finditer(text)})
    if len(fonts) != EXPECTED_FONTS:
        raise BundleError(f"{EXPECTED_FONTS} lettertypen van cdn.jsdelivr.net verwacht, gevonden: {fonts}")
    text = FONT_URL.sub(lambda m: f"fonts/{m.group(1)}-{m.group(2)}.woff2", text)
    if text.count(UNPKG) < 3 or GITHUB_STATUS not in text:
        raise BundleError("de adressen van unpkg.com en githubstatus.com staan niet meer in de bundel")
    text = text.replace(UNPKG, LOCAL_UNPKG).replace(GITHUB_STATUS, LOCAL_GITHUB_STATUS)
    if text.count(LANGUAGE_BANNER) != 1:
        raise BundleError("de melding over een andere taal staat niet meer zo in de bundel")
    text = text.replace(LANGUAGE_BANNER, "return;")  # the editor stays Dutch: no "now available in English"
    left = [host for host in FOREIGN if host in text]
    if left:
        raise BundleError(f"de bundel laadt nog iets van {', '.join(left)}")
    return re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", text), fonts


def dutch_strings(package: Path) -> bytes:
    """Sveltia's Dutch strings with the ones it lacks added (admin/nl-extra.json, checked against
    its English strings by tests/test_cms.py), so no English shows in the interface."""
    strings = json.loads((package / "locales" / f"{LOCALE}.json").read_text(encoding="utf-8"))
    for key, text in json.loads(_own_file("nl-extra.json")).items():
        *groups, name = key.split(".")
        place = strings
        for group in groups:
            place = place.setdefault(group, {})
        place.setdefault(name, text)
    return json.dumps(strings, ensure_ascii=False).encode("utf-8")


def bundle_files(package: Path) -> dict[str, bytes]:
    """The editor itself, below admin/, from the installed npm package."""
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    bundle, fonts = rewrite_bundle((package / "dist" / "sveltia-cms.js").read_text(encoding="utf-8"))
    files = {
        "sveltia-cms.js": bundle.encode("utf-8"),
        "chunks/react-dom.js": (package / "dist" / "chunks" / "react-dom.js").read_bytes(),
        "SVELTIA-LICENSE.txt": (package / "LICENSE.txt").read_bytes(),
        f"unpkg/@sveltia/cms@{version}/locales/{LOCALE}.json": dutch_strings(package),
        # The hourly update check finds this version and stays quiet.
        "unpkg/@sveltia/cms/package.json": json.dumps({"name": "@sveltia/cms", "version": version}).encode(),
        "github-status.json": STATUS_UNKNOWN.encode(),
    }
    assets = package / "npm" / "assets"  # the same fonts, with a content hash in the name
    for name in fonts:
        found = sorted(assets.glob(f"{name.removesuffix('.woff2')}-*.woff2"))
        if not found:
            raise BundleError(f"het lettertype {name} ontbreekt in {assets}")
        files[f"fonts/{name}"] = found[0].read_bytes()
    for licence in sorted(assets.glob("*.LICENSE.txt")):
        files[f"fonts/{licence.name}"] = licence.read_bytes()
    return files


def _own_file(name: str) -> str:
    return (resources.files(__package__) / "admin" / name).read_text(encoding="utf-8")


def pull_requests_url(settings: SiteSettings | None) -> str | None:
    """Where an editor finds their proposals and the check's comment on GitHub."""
    repo = repository(settings)
    return None if repo == PLACEHOLDER_REPOSITORY else f"https://github.com/{repo}/pulls"


def _page(name: str, settings: SiteSettings | None = None) -> bytes:
    """A page of admin/ with its Content-Security-Policy (not the site's: see render/csp.py) and
    the link to the pull requests."""
    link = pull_requests_url(settings)
    proposals = (
        (
            f'<a class="ed-proposals" href="{html.escape(link)}" target="_blank" rel="noopener">'
            "Mijn voorstellen en de controle (op GitHub)</a>"
        )
        if link
        else ""
    )
    return _own_file(name).replace("@CSP@", csp.admin_policy()).replace("@PROPOSALS@", proposals).encode("utf-8")


def admin_files(
    root: Path,
    settings: SiteSettings | None,
    problems: list[Problem],
    say: Callable[[str], None] = lambda message: None,
) -> dict[str, bytes]:
    """Every file below admin/ by its site path. Without the npm package (no `make setup`),
    admin/ gets its configuration and a Dutch page that says how to add the editor."""
    files = {"config.yml": config_yaml(editor_config(settings)).encode("utf-8")}
    package = Path(root) / PACKAGE
    if not (package / "dist" / "sveltia-cms.js").is_file():
        say(
            f"Webeditor: {PACKAGE} ontbreekt, dus /admin/ legt alleen uit hoe je hem toevoegt. "
            "Voer 'make setup' uit (of 'make build'), dan komt de webeditor erbij."
        )
        files["index.html"] = _page("unavailable.html", settings)
    else:
        try:
            files.update(bundle_files(package))
        except (BundleError, OSError, ValueError, KeyError) as error:
            problems.append(
                Problem(
                    PACKAGE,
                    None,
                    (
                        f"de webeditor kon niet klaargezet worden: {error}. Voer 'make setup' opnieuw uit. Helpt dat "
                        "niet, dan past de versie van Sveltia CMS niet bij src/ervaringsdeskundigheid/render/webeditor.py."
                    ),
                )
            )
            return {}
        files["index.html"] = _page("index.html", settings)
        files["nl.js"] = _own_file("nl.js").encode("utf-8")
    files["admin.css"] = _own_file("admin.css").encode("utf-8")
    files["frame.js"] = _own_file("frame.js").encode("utf-8")
    return {ADMIN + path: data for path, data in files.items()}
