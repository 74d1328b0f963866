"""The OpenAPI 3.1 description of /api/v1 (its schemas are JSON Schema, used by the tests too)."""
from __future__ import annotations

from kd.connections.models import HelpKind

HELP_KINDS = [kind.value for kind in HelpKind]

NULLABLE_STRING = {"type": ["string", "null"]}
PLACE = {"country": NULLABLE_STRING, "city": NULLABLE_STRING, "municipality": NULLABLE_STRING,
         "field": NULLABLE_STRING}
STAMPS = {"published_at": NULLABLE_STRING, "updated_at": NULLABLE_STRING, "url": {"type": "string"},
          "language": {"type": "string"}}
STRINGS = {"type": "array", "items": {"type": "string"}}
def _translations(*fields: str) -> dict:
    """Approved translations into the other site languages, by language code."""
    version = {"type": "object", "additionalProperties": False, "required": [*fields, "out_of_date"],
               "properties": {**{name: {"type": "string"} for name in fields}, "out_of_date": {"type": "boolean"}}}
    return {"type": "object", "propertyNames": {"enum": ["en", "sq"]}, "additionalProperties": version}


BILINGUAL = {"type": "object", "required": ["en", "sq"],
             "properties": {"en": {"type": "string"}, "sq": {"type": "string"}}}

SCHEMAS = {
    "Profile": {"type": "object", "additionalProperties": False, "required": ["slug", "kind", "name", "url"],
                "properties": {"slug": {"type": "string"}, "kind": {"enum": ["person", "group", "organisation"]},
                               "name": {"type": "string"}, "headline": {"type": "string"}, **PLACE,
                               "bio": {"type": "string"}, "bio_html": {"type": "string"},
                               "links": {"type": "array"}, "tags": STRINGS, **STAMPS,
                               "can_help_with": {"type": ["object", "null"], "additionalProperties": False,
                                                 "required": ["kinds", "languages", "note", "paused"],
                                                 "properties": {"kinds": STRINGS, "languages": STRINGS,
                                                                "note": NULLABLE_STRING,
                                                                "paused": {"type": "boolean"}}},
                               "translations": _translations("headline", "bio")}},
    "Story": {"type": "object", "additionalProperties": False, "required": ["slug", "title", "url"],
              "properties": {"slug": {"type": "string"}, "title": {"type": "string"},
                             "summary": {"type": "string"}, "body": {"type": "string"},
                             "body_html": {"type": "string"}, "achieved_on": NULLABLE_STRING, **PLACE,
                             "tags": STRINGS, "profiles": STRINGS, "verified_on": NULLABLE_STRING,
                             "sources": {"type": "array", "items": {
                                 "type": "object", "required": ["url"],
                                 "properties": {"url": {"type": "string"}, "title": {"type": "string"}}}},
                             "translations": _translations("title", "summary", "body"), **STAMPS}},
    "Tag": {"type": "object", "additionalProperties": False, "required": ["slug", "name", "stories"],
            "properties": {"slug": {"type": "string"}, "name": {"type": "string"},
                           "stories": {"type": "integer", "minimum": 0}}},
    "Collection": {"type": "object", "additionalProperties": False,
                   "required": ["slug", "title", "introduction", "featured", "url", "items"],
                   "properties": {"slug": {"type": "string"}, "title": BILINGUAL, "introduction": BILINGUAL,
                                  "featured": {"type": "boolean"}, "url": {"type": "string"},
                                  "items": {"type": "array", "items": {
                                      "type": "object", "additionalProperties": False,
                                      "required": ["type", "slug", "title", "url"],
                                      "properties": {"type": {"enum": ["profile", "story"]},
                                                     "slug": {"type": "string"}, "title": {"type": "string"},
                                                     "note": NULLABLE_STRING, "url": {"type": "string"}}}},
                                  "published_at": NULLABLE_STRING, "updated_at": NULLABLE_STRING}},
    "Action": {"type": "object", "additionalProperties": False,
               "required": ["slug", "title", "status", "target", "problem", "request", "send", "url"],
               "properties": {"slug": {"type": "string"}, "title": BILINGUAL,
                              "status": {"enum": ["open", "won", "closed"]},
                              "target": {"type": "object", "required": ["name", "kind"], "properties": {
                                  "name": {"type": "string"}, "website": NULLABLE_STRING,
                                  "kind": {"type": "string"}}},
                              "problem": BILINGUAL, "request": BILINGUAL,
                              "send": {"type": "object", "properties": {
                                  "email": NULLABLE_STRING, "web_form": NULLABLE_STRING,
                                  "social_account": NULLABLE_STRING, "social_post": BILINGUAL}},
                              "hashtag": NULLABLE_STRING, "starts_on": NULLABLE_STRING, "won_on": NULLABLE_STRING,
                              "evidence_url": NULLABLE_STRING, "participants": {"type": "integer", "minimum": 0},
                              "url": {"type": "string"}, "published_at": NULLABLE_STRING,
                              "updated_at": NULLABLE_STRING}},
    "Meta": {"type": "object", "required": ["page", "per_page", "total", "pages"],
             "properties": {name: {"type": "integer", "minimum": 0}
                            for name in ("page", "per_page", "total", "pages")}},
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["code", "message"],
        "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}},
}


def _list_of(name: str) -> dict:
    return {"type": "object", "required": ["data", "meta", "links"], "properties": {
        "data": {"type": "array", "items": {"$ref": f"#/components/schemas/{name}"}},
        "meta": {"$ref": "#/components/schemas/Meta"},
        "links": {"type": "object", "properties": {key: NULLABLE_STRING for key in ("self", "next", "prev")}}}}


def _param(name: str, description: str, schema: dict | None = None) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema or {"type": "string"}}


FILTERS = [
    _param("page", "Page number, from 1.", {"type": "integer", "minimum": 1}),
    _param("per_page", "Items per page, 1–100.", {"type": "integer", "minimum": 1, "maximum": 100}),
    _param("tag", "Tag slug."), _param("country", "ISO 3166 code of the country of residence (XK = Kosovo)."),
    _param("field", "Field code."), _param("municipality", "Kosovo municipality code of origin."),
    _param("updated_since", "ISO 8601 time (or date): only items changed since.",
           {"type": "string", "format": "date-time"}),
]


SEARCH = _param("q", "Text search (the site's search); matches stay in the list's order, newest first.",
                {"type": "string", "maxLength": 200})


def _response(schema: dict, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {"400": _response({"$ref": "#/components/schemas/Error"}, "Bad parameter"),
          "404": _response({"$ref": "#/components/schemas/Error"}, "Not found")}


def _list_path(name: str, extra: list | None = None, filters: list | None = None) -> dict:
    parameters = (FILTERS if filters is None else filters) + (extra or [])
    return {"get": {"summary": f"Approved {name.lower()}s, newest first", "parameters": parameters,
                    "responses": {"200": _response(_list_of(name)), **ERRORS}}}


def _item_path(name: str) -> dict:
    return {"get": {"summary": f"One approved {name.lower()}",
                    "parameters": [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {"200": _response({"$ref": f"#/components/schemas/{name}"}), **ERRORS}}}


def openapi_document(server_url: str) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "KD — Kosovo Diaspora API", "version": "1.0.0",
                 "description": "Read-only access to approved profiles, stories, tags, digital diplomacy actions "
                                "and published collections."},
        "servers": [{"url": server_url}],
        "paths": {
            "/profiles": _list_path("Profile", [_param("kind", "person, group or organisation.",
                                                       {"enum": ["person", "group", "organisation"]}), SEARCH,
                                              _param("can_help_with", "Only profiles whose owner offers this help "
                                                     "now (requests not paused).", {"enum": HELP_KINDS})]),
            "/profiles/{slug}": _item_path("Profile"),
            "/stories": _list_path("Story", [SEARCH]),
            "/stories/{slug}": _item_path("Story"),
            "/collections": _list_path("Collection", filters=[FILTERS[0], FILTERS[1], FILTERS[-1]]),
            "/collections/{slug}": _item_path("Collection"),
            "/actions": _list_path("Action", [_param("status", "open, won or closed.",
                                                     {"enum": ["open", "won", "closed"]})],
                                   filters=[FILTERS[0], FILTERS[1], FILTERS[-1]]),
            "/actions/{slug}": _item_path("Action"),
            "/": {"get": {"summary": "The resources of this API and the address of this description",
                          "responses": {"200": _response({"type": "object", "required": ["resources", "openapi"],
                                                          "properties": {"resources": {"type": "object"},
                                                                         "openapi": {"type": "string"}}})}}},
            "/tags": {"get": {"summary": "Tags with their number of approved stories",
                              "responses": {"200": _response({"type": "object", "required": ["data"], "properties": {
                                  "data": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}}}})}}},
        },
        "components": {"schemas": SCHEMAS},
    }
