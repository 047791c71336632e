import ArgumentParser
import Foundation
import VNAnalysis

struct EntitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities",
        abstract: "Show the provinces, ethnic communities and models (mô hình) a text mentions.",
        discussion: """
            Reads FILE (or stdin with - or no argument). Diacritics are optional in the text. \
            With --lines each line is analysed on its own and printed as one JSON object: \
            {"province":[...],"ethnic":[...],"model":[...],"spans":[...]}, spans with UTF-8 byte offsets \
            into the line as given.
            """
    )

    @Argument(help: "A text file, or - for standard input.")
    var file: String = "-"

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Analyse each input line separately; one JSON object per line.")
    var lines = false

    func run() throws {
        let data: Data
        do {
            data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw failure("cannot read '\(file)': \((error as NSError).localizedDescription)")
        }
        let recognizer: EntityRecognizer
        let text: String
        do {
            recognizer = try EntityRecognizer()
            // Offsets are UTF-8 bytes of the input: valid UTF-8 is read as it is (the
            // decoder would hand back its NFC form); other encodings are decoded.
            text = try String(validating: data, as: UTF8.self) ?? TextDecoder().decode(data).text
        } catch {
            throw failure("\(error)")
        }
        if lines {
            // Split on "\n" only, keeping empty lines: output line N answers input line N.
            var parts = text.split(separator: "\n", omittingEmptySubsequences: false)
            if parts.last == "" { parts.removeLast() }
            for line in parts {
                print(try Self.encode(try recognizer.recognize(String(line))))
            }
            return
        }
        let found = try recognizer.recognize(text)
        if json {
            print(try Self.encode(found))
            return
        }
        print("province: \(found.province.joined(separator: ", "))")
        print("ethnic:   \(found.ethnic.joined(separator: ", "))")
        print("model:    \(found.model.joined(separator: " | "))")
    }

    static func encode(_ value: RecognizedEntities) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
