import ArgumentParser
import DataPrep
import Foundation

/// Loads the mapping set and schema a command names, turning every problem into a usage exit
/// (code 2) with the reason and the location.
enum MappingFiles {
    static func readFile(_ path: String, what: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            let reason = !exists ? "no such file" : (isFolder.boolValue ? "is a folder" : "cannot be read")
            StandardError.write("error: \(what) \(path): \(reason)\n")
            throw ExitCode(2)
        }
        return [UInt8](data)
    }

    static func mappingSet(at path: String) throws -> MappingSet {
        try Self.mappingSet(bytes: Self.readFile(path, what: "mapping set"), path: path)
    }

    static func mappingSet(bytes: [UInt8], path: String) throws -> MappingSet {
        do {
            return try MappingSet.load(json: bytes, source: path)
        } catch {
            StandardError.write("error: unusable mapping set: \(error)\n")
            throw ExitCode(2)
        }
    }

    static func schema(at path: String) throws -> XDMSchema {
        try Self.schema(bytes: Self.readFile(path, what: "schema"), path: path)
    }

    static func schema(bytes: [UInt8], path: String) throws -> XDMSchema {
        do {
            return try XDMSchema.load(json: bytes, source: path)
        } catch {
            StandardError.write("error: unusable schema: \(error)\n")
            throw ExitCode(2)
        }
    }

    static func mapper(mappingSet: MappingSet, schema: XDMSchema?, seed: UInt64) throws -> Mapper {
        do {
            return try Mapper(mappingSet: mappingSet, schema: schema, options: MapperOptions(seed: seed))
        } catch {
            StandardError.write("error: unusable mapping set: \(error)\n")
            throw ExitCode(2)
        }
    }

    /// A mapper built from the documents' bytes: every call builds objects of its own.
    static func mapper(
        mappingBytes: [UInt8], mappingPath: String, schemaBytes: [UInt8]?, schemaPath: String?, options: MapperOptions
    ) throws -> Mapper {
        let mappingSet = try Self.mappingSet(bytes: mappingBytes, path: mappingPath)
        let schema = try schemaBytes.map { try Self.schema(bytes: $0, path: schemaPath ?? "schema") }
        do {
            return try Mapper(mappingSet: mappingSet, schema: schema, options: options)
        } catch {
            StandardError.write("error: unusable mapping set: \(error)\n")
            throw ExitCode(2)
        }
    }

    /// A bundle folder's own `mapping.json` and `schema.json`, when present.
    static func bundleFile(_ corpus: String, _ name: String) -> String? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: corpus, isDirectory: &isFolder), isFolder.boolValue else {
            return nil
        }
        let path = (corpus.hasSuffix("/") ? corpus : corpus + "/") + name
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
