import Foundation

/// A JSON value with its exact type (JSONSerialization on Linux cannot tell `true` from 1).
indirect enum JSONValue: Decodable, Sendable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    init(_ data: Data) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: data)
    }

    subscript(_ key: String) -> JSONValue? {
        if case .object(let members) = self { members[key] } else { nil }
    }

    var string: String? { if case .string(let value) = self { value } else { nil } }
}

/// Just enough JSON Schema (2020-12, as OpenAPI 3.1 uses it) to check real responses
/// against the API description: `$ref`, `type` (one or several), `const`, `enum`,
/// `required`, `properties`, `additionalProperties`, `items`, `minimum`.
struct SchemaValidator: Sendable {
    let document: JSONValue

    /// Where `value` breaks `schema`, as paths with reasons; empty when it conforms.
    func problems(_ value: JSONValue, _ schema: JSONValue, at path: String = "$") -> [String] {
        if let reference = schema["$ref"]?.string {
            guard let resolved = resolve(reference) else { return ["\(path): unresolvable \(reference)"] }
            return problems(value, resolved, at: path)
        }
        var types: [String] = []
        switch schema["type"] {
        case .string(let type): types = [type]
        case .array(let list): types = list.compactMap(\.string)
        default: break
        }
        if !types.isEmpty && !types.contains(where: { Self.matches(value, type: $0) }) {
            return ["\(path): \(value) is not \(types.joined(separator: " or "))"]
        }
        var found: [String] = []
        if let constant = schema["const"], constant != value { found.append("\(path): not \(constant)") }
        if case .array(let options) = schema["enum"], !options.contains(value) { found.append("\(path): \(value) not in enum") }
        if case .number(let minimum) = schema["minimum"], case .number(let number) = value, number < minimum {
            found.append("\(path): \(number) < \(minimum)")
        }
        if case .object(let object) = value {
            if case .array(let required) = schema["required"] {
                for key in required.compactMap(\.string) where object[key] == nil { found.append("\(path): missing \(key)") }
            }
            for (key, item) in object {
                if let property = schema["properties"]?[key] {
                    found += problems(item, property, at: "\(path).\(key)")
                } else if case .object = schema["additionalProperties"] {
                    found += problems(item, schema["additionalProperties"]!, at: "\(path).\(key)")
                } else if schema["additionalProperties"] == .bool(false) {
                    found.append("\(path): unexpected \(key)")
                }
            }
        }
        if case .array(let array) = value, let items = schema["items"] {
            for (index, item) in array.enumerated() { found += problems(item, items, at: "\(path)[\(index)]") }
        }
        return found
    }

    func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: JSONValue? = document
        for part in reference.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        return node
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object):
            true
        case ("integer", .number(let number)):
            number == number.rounded()
        default:
            false
        }
    }
}
