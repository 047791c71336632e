import Foundation
import VNAnalysis

/// `GET /openapi.json`: the API as OpenAPI 3.1. Written by hand to match the routes; a
/// test checks it against the route table and validates real responses with its schemas,
/// and `make test` runs schemathesis against it (scripts/api-check.sh).
enum OpenAPIDocument {
    /// The document a server serves. Without a token it has no write operations (they
    /// answer 405 to everyone: a client has nothing to call). The province and ethnic
    /// filters list the names the server knows (any other is a 400), from the gazetteers.
    static func json(writes: Bool) -> String {
        guard var document = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              var paths = document["paths"] as? [String: Any],
              var article = paths["/articles/{id}"] as? [String: Any],
              var search = paths["/search"] as? [String: Any],
              var get = search["get"] as? [String: Any],
              let parameters = get["parameters"] as? [[String: Any]] else { return json }
        if !writes {
            paths["/articles"] = nil
            article["delete"] = nil
            paths["/articles/{id}"] = article
        }
        let names = ["province": ProvinceGazetteer.provinces.map(\.name), "ethnic": EthnicGazetteer.groups.map(\.name)]
        get["parameters"] = parameters.map { parameter in
            guard let name = parameter["name"] as? String, let known = names[name] else { return parameter }
            var parameter = parameter
            // Empty is what a form sends for "not set".
            parameter["schema"] = ["type": "array", "items": ["type": "string", "enum": [""] + known]]
            return parameter
        }
        search["get"] = get
        paths["/search"] = search
        document["paths"] = paths
        guard let data = try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes]) else { return json }
        return String(decoding: data, as: UTF8.self)
    }

    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "vnsearch",
        "version": "1.0.0",
        "description": "Full-text search over Vietnamese reports: ranked passages, entity facets and filters. Query syntax: words (diacritics optional), \"phrases\", OR, -word / NOT word, province: ethnic: model: date: filters."
      },
      "paths": {
        "/search": {
          "get": {
            "summary": "Ranked passages for a query (the JSON of `vnsearch search --json`)",
            "parameters": [
              {"name": "q", "in": "query", "required": true, "description": "At least one letter or digit", "schema": {"type": "string", "minLength": 1, "maxLength": 1000, "pattern": "[\\p{L}\\p{N}]"}},
              {"name": "limit", "in": "query", "description": "Empty is not set", "schema": {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 100, "default": 10}, {"type": "string", "enum": [""]}]}},
              {"name": "offset", "in": "query", "description": "Empty is not set", "schema": {"anyOf": [{"type": "integer", "minimum": 0, "maximum": 10000, "default": 0}, {"type": "string", "enum": [""]}]}},
              {"name": "per_article", "in": "query", "description": "Empty is not set", "schema": {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 100, "default": 1}, {"type": "string", "enum": [""]}]}},
              {"name": "province", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "explode": true},
              {"name": "ethnic", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "explode": true},
              {"name": "model", "in": "query", "description": "Words of a model's name", "schema": {"type": "array", "items": {"type": "string", "pattern": "^$|[\\p{L}\\p{N}]"}}, "explode": true},
              {"name": "from", "in": "query", "schema": {"type": "string", "pattern": "^(\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?)?$"}},
              {"name": "to", "in": "query", "schema": {"type": "string", "pattern": "^(\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?)?$"}},
              {"name": "merged", "in": "query", "description": "Read province filters as the provinces merged on 1 July 2025", "schema": {"type": "string", "enum": ["", "1", "true", "yes", "0", "false", "no"], "default": "0"}},
              {"name": "format", "in": "query", "description": "csv (RFC 4180, a header row) or jsonl: the results as a download, up to 1,000 rows from offset on", "schema": {"type": "string", "enum": ["", "json", "csv", "jsonl"], "default": "json"}},
              {"name": "correct", "in": "query", "description": "0 searches exactly what was typed, even when a word is in no passage (no correction)", "schema": {"type": "string", "enum": ["", "1", "true", "yes", "0", "false", "no"], "default": "1"}}
            ],
            "responses": {
              "200": {"description": "Results; with format=csv or jsonl, up to 1,000 of them as a download", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}},
                "text/csv": {"schema": {"type": "string"}},
                "application/jsonl": {"schema": {"type": "string"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/articles": {
          "post": {
            "summary": "Write a report into the corpus folder and index it (needs --token-file)",
            "security": [{"bearer": []}],
            "requestBody": {
              "required": true,
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewArticle"}}}
            },
            "responses": {
              "201": {"description": "Indexed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Article"}}}},
              "400": {"$ref": "#/components/responses/Error"},
              "401": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/articles/{id}": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
          "get": {
            "summary": "An article's metadata and all its passages",
            "responses": {
              "200": {"description": "The article", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Article"}}}},
              "404": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"}
            }
          },
          "delete": {
            "summary": "Remove an article from the index and its file from the corpus (needs --token-file)",
            "security": [{"bearer": []}],
            "responses": {
              "204": {"description": "Removed"},
              "401": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "503": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/health": {
          "get": {
            "summary": "Whether the index answers",
            "responses": {
              "200": {"description": "Healthy", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
              "503": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/stats": {
          "get": {
            "summary": "Size and revision of the index",
            "responses": {
              "200": {"description": "Statistics", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Stats"}}}},
              "503": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/metrics": {
          "get": {
            "summary": "Requests by route, method and status, search durations, the index's size and revision (Prometheus text format)",
            "responses": {"200": {"description": "Metrics", "content": {"text/plain": {"schema": {"type": "string"}}}}}
          }
        },
        "/openapi.json": {
          "get": {
            "summary": "This description",
            "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}
          }
        },
        "/": {
          "get": {
            "summary": "The search page (HTML; takes the parameters of /search, q optional)",
            "responses": {
              "200": {"description": "HTML page", "content": {"text/html": {"schema": {"type": "string"}}}},
              "400": {"description": "HTML page with the error", "content": {"text/html": {"schema": {"type": "string"}}}}
            }
          }
        }
      },
      "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "responses": {
          "Error": {"description": "Failure", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        },
        "schemas": {
          "Error": {
            "type": "object",
            "required": ["error", "status"],
            "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
            "additionalProperties": false
          },
          "Names": {"type": "array", "items": {"type": "string"}},
          "Entities": {
            "type": "object",
            "required": ["province", "ethnic", "model"],
            "properties": {
              "province": {"$ref": "#/components/schemas/Names"},
              "ethnic": {"$ref": "#/components/schemas/Names"},
              "model": {"$ref": "#/components/schemas/Names"}
            },
            "additionalProperties": false
          },
          "Counts": {"type": "object", "additionalProperties": {"type": "integer"}},
          "Hit": {
            "type": "object",
            "required": ["rank", "score", "article", "passage", "entities", "relaxed"],
            "properties": {
              "rank": {"type": "integer", "minimum": 1},
              "score": {"type": "number"},
              "article": {
                "type": "object",
                "required": ["id", "path", "title", "date"],
                "properties": {
                  "id": {"type": "string"},
                  "path": {"type": "string"},
                  "title": {"type": "string"},
                  "date": {"type": ["string", "null"]}
                },
                "additionalProperties": false
              },
              "passage": {
                "type": "object",
                "required": ["index", "text", "highlighted", "spans"],
                "properties": {
                  "index": {"type": "integer"},
                  "text": {"type": "string"},
                  "highlighted": {"type": "string", "description": "HTML-escaped text with <mark> around matches"},
                  "spans": {"type": "array", "description": "Byte ranges of text that matched", "items": {"type": "array", "items": {"type": "integer"}}}
                },
                "additionalProperties": false
              },
              "entities": {"$ref": "#/components/schemas/Entities"},
              "relaxed": {"type": "boolean", "description": "The article holds every word, but not in one passage"},
              "missing": {"type": "array", "items": {"type": "string"}, "description": "The query's words this passage lacks, as typed"}
            },
            "additionalProperties": false
          },
          "SearchResponse": {
            "type": "object",
            "required": ["query", "total", "took_ms", "relaxed", "suggestion", "interpreted", "matched_all", "corrected", "results", "facets", "facets_exact"],
            "properties": {
              "query": {"type": "string"},
              "total": {"type": "integer", "minimum": 0},
              "took_ms": {"type": "number"},
              "relaxed": {"type": "boolean"},
              "suggestion": {"type": ["string", "null"]},
              "matched_all": {"type": "boolean", "description": "Whether any hit holds every word of the query in one passage"},
              "corrected": {"type": ["string", "null"], "description": "The corrected query the results are for, when a typed word is in no passage"},
              "interpreted": {
                "type": "object",
                "description": "How the query was read: the names it mentions (passages that mention them rank first) and, typed without diacritics, the reading searched for.",
                "required": ["province", "ethnic", "model", "readings"],
                "properties": {
                  "province": {"type": "array", "items": {"type": "string"}},
                  "ethnic": {"type": "array", "items": {"type": "string"}},
                  "model": {"type": "array", "items": {"type": "string"}},
                  "readings": {"type": ["string", "null"]}
                },
                "additionalProperties": false
              },
              "results": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
              "facets": {
                "type": "object",
                "required": ["province", "ethnic", "model", "year", "province_2025"],
                "properties": {
                  "province": {"$ref": "#/components/schemas/Counts"},
                  "ethnic": {"$ref": "#/components/schemas/Counts"},
                  "model": {"$ref": "#/components/schemas/Counts"},
                  "year": {"$ref": "#/components/schemas/Counts"},
                  "province_2025": {"$ref": "#/components/schemas/Counts"},
                  "month": {"$ref": "#/components/schemas/Counts"}
                },
                "additionalProperties": false
              },
              "facets_exact": {"type": "boolean"}
            },
            "additionalProperties": false
          },
          "Article": {
            "type": "object",
            "required": ["id", "path", "title", "date", "bytes", "entities", "passages"],
            "properties": {
              "id": {"type": "string"},
              "path": {"type": "string"},
              "title": {"type": "string"},
              "date": {"type": ["string", "null"]},
              "bytes": {"type": "integer"},
              "entities": {"$ref": "#/components/schemas/Entities"},
              "passages": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": ["index", "kind", "text"],
                  "properties": {
                    "index": {"type": "integer"},
                    "kind": {"type": "string", "enum": ["title", "lead", "body", "caption"]},
                    "text": {"type": "string"}
                  },
                  "additionalProperties": false
                }
              }
            },
            "additionalProperties": false
          },
          "NewArticle": {
            "type": "object",
            "required": ["path", "text"],
            "properties": {
              "path": {"type": "string", "minLength": 5, "maxLength": 255,
                       "pattern": "^([^/\\\\.\\u0000-\\u001f\\u007f-\\u009f][^/\\\\\\u0000-\\u001f\\u007f-\\u009f]*/)*[^/\\\\.\\u0000-\\u001f\\u007f-\\u009f][^/\\\\\\u0000-\\u001f\\u007f-\\u009f]*\\.[tT][xX][tT]$",
                       "description": "Relative .txt path inside the corpus folder, e.g. 2024/bao-cao.txt: no empty or hidden parts, no backslash or control character; each part at most 255 bytes"},
              "text": {"type": "string", "pattern": "^[^\\u0000]*[\\p{L}\\p{N}][^\\u0000]*$",
                       "description": "The report: some letter or digit, no NUL byte; the whole body at most 1 MB (else 413)"}
            }
          },
          "Health": {
            "type": "object",
            "required": ["status", "documents", "revision"],
            "properties": {"status": {"const": "ok"}, "documents": {"type": "integer"}, "revision": {"type": "integer"}},
            "additionalProperties": false
          },
          "Stats": {
            "type": "object",
            "required": ["path", "documents", "articles", "revision"],
            "properties": {
              "path": {"type": "string"},
              "documents": {"type": "integer", "description": "Passages (one Xapian document each)"},
              "articles": {"type": "integer"},
              "revision": {"type": "integer"}
            },
            "additionalProperties": false
          }
        }
      }
    }
    """#
}
