import Testing

@testable import DataPrep

/// Objects, maps and arrays.
@Suite struct CollectionFunctionTests {
    static let map = obj(("a", i(1)), ("b", s("two")), ("c", null))

    static let vectors: [Vector] = [
        // is_empty
        Vector("is_empty", [null], b(true)),
        Vector("is_empty", [s("")], b(true)),
        Vector("is_empty", [arr()], b(true)),
        Vector("is_empty", [obj()], b(true)),
        Vector("is_empty", [arr(null)], b(false)),
        Vector("is_empty", [s(" ")], b(false)),
        Vector("is_empty", [i(0)], b(false)),
        // arrays_to_object
        Vector(
            "arrays_to_object", [s("k"), arr(i(1), i(2)), s("v"), arr(s("x"))],
            arr(obj(("k", i(1)), ("v", s("x"))), obj(("k", i(2))))),
        Vector("arrays_to_objects", [s("k"), arr(i(1))], arr(obj(("k", i(1))))),
        Vector("arrays_to_object", [s("k"), null], arr()),
        // to_object
        Vector("to_object", [s("a"), i(1), s("a"), i(2)], obj(("a", i(2)))),
        Vector("to_object", [s("n"), null, i(5), arr(i(1))], obj(("n", null), ("5", arr(i(1))))),
        // str_to_object
        Vector("str_to_object", [s("a:1,b:2")], obj(("a", s("1")), ("b", s("2")))),
        Vector(
            "str_to_object", [s("firstName=John,lastName=Doe,phone=123 456 7890"), s("="), s(",")],
            obj(("firstName", s("John")), ("lastName", s("Doe")), ("phone", s("123 456 7890")))),
        Vector(
            "str_to_object", [s("url: http://x ,noval, :nokey,a:first,a:second"), null, s("")],
            obj(("url", s("http://x")), ("a", s("first")))),
        Vector("str_to_object", [s("")], obj()),
        Vector("str_to_object", [null], null),
        // get_keys / get_values
        Vector("get_keys", [map], arr(s("a"), s("b"), s("c"))),
        Vector("get_keys", [obj()], arr()),
        Vector("get_keys", [null], null),
        Vector("get_values", [s("a:1,b:2"), s("b"), null], s("2")),
        Vector("get_values", [s("a:1,b:2"), s("z"), s(":")], null),
        Vector("get_values", [s("a=1;b=2"), s("a"), s("="), s(";")], s("1")),
        Vector("get_values", [map, s("b")], s("two")),
        Vector("get_values", [null, s("b"), s(":")], null),
        // maps
        Vector("map_get_values", [map, arr(s("b"), s("a"), s("b"), s("zz"))], obj(("b", s("two")), ("a", i(1)))),
        Vector("map_get_values", [map, s("zz")], obj()),
        Vector("map_get_values", [null, s("a")], null),
        Vector("map_has_keys", [map, arr(s("zz"), s("c"))], b(true)),
        Vector("map_has_keys", [map, s("zz")], b(false)),
        Vector("map_has_keys", [obj(("1", b(true))), i(1)], b(true)),
        Vector("map_has_keys", [null, s("a")], b(false)),
        Vector("add_to_map", [obj(("a", i(1))), null, obj(("a", i(9)), ("b", i(2)))], obj(("a", i(1)), ("b", i(2)))),
        Vector("add_to_map", [null], null),
        Vector("object_to_map", [s("k"), i(1), s("k"), i(2)], obj(("k", i(1)))),
        Vector("object_to_map", [null], null),
        Vector(
            "array_to_map",
            [arr(obj(("id", i(7)), ("x", i(1))), obj(("x", i(2))), null, obj(("id", i(7)), ("x", i(3)))), s("id")],
            obj(("7", obj(("id", i(7)), ("x", i(1)))))),
        Vector("array_to_map", [null, s("id")], null),
        Vector("to_map", [map], map),
        Vector("to_map", [null], null),
        // arrays
        Vector("coalesce", [], null),
        Vector("coalesce", [null, null], null),
        Vector("coalesce", [null, i(0), s("x")], i(0)),
        Vector("coalesce", [null, arr()], arr()),
        Vector("first", [arr(s("x"), s("y"))], s("x")),
        Vector("last", [arr(s("x"), s("y"))], s("y")),
        Vector("first", [arr()], null),
        Vector("first", [], null),
        Vector("last", [s("only")], s("only")),
        Vector("first", [arr(i(1)), arr(i(2))], arr(i(1))),
        Vector("add_to_array", [null, s("a")], arr(s("a"))),
        Vector("add_to_array", [s("x"), s("a")], arr(s("x"), s("a"))),
        Vector("add_to_array", [arr(i(1)), arr(i(2))], arr(i(1), arr(i(2)))),
        Vector("add_to_array", [arr(i(1))], arr(i(1))),
        Vector("join_arrays", [arr(i(1)), null, i(2), arr()], arr(i(1), i(2))),
        Vector("to_array", [b(true), i(1), null], arr(i(1), null)),
        Vector("to_array", [s("false"), null], arr()),
        Vector("to_array", [b(true)], arr()),
        Vector("size_of", [obj(("a", i(1)))], i(1)),
        Vector("size_of", [s("héllo")], i(5)),
        Vector("size_of", [arr()], i(0)),
        Vector("size_of", [null], null),
        Vector("upsert_array_append", [null], null),
        Vector("upsert_array_replace", [arr(i(1))], arr(i(1))),
    ]

    @Test(arguments: CollectionFunctionTests.vectors)
    func vector(_ vector: Vector) throws {
        #expect(try callArray(vector.name, vector.arguments) == vector.expected)
    }

    static let failures: [FailingVector] = [
        FailingVector("is_empty", []),
        FailingVector("arrays_to_object", [s("k")]),
        FailingVector("arrays_to_object", [s("k"), arr(), s("v")]),
        FailingVector("arrays_to_object", [s("k"), s("not an array")]),
        FailingVector("arrays_to_object", [null, arr()]),
        FailingVector("to_object", [s("a")]),
        FailingVector("to_object", [s("a"), i(1), s("b")]),
        FailingVector("to_object", [null, i(1)]),
        FailingVector("to_object", [arr(), i(1)]),
        FailingVector("get_keys", [arr()]),
        FailingVector("get_keys", [s("a:1")]),
        FailingVector("str_to_object", [arr()]),
        FailingVector("map_get_values", [arr(), s("a")]),
        FailingVector("map_has_keys", [map, arr(obj())]),
        FailingVector("add_to_map", []),
        FailingVector("add_to_map", [obj(), arr()]),
        FailingVector("array_to_map", [obj(), s("id")]),
        FailingVector("array_to_map", [arr(i(1)), s("id")]),
        FailingVector("array_to_map", [arr(), null]),
        FailingVector("object_to_map", [s("k")]),
        FailingVector("to_map", [s("k")]),
        FailingVector("to_array", []),
        FailingVector("to_array", [null, i(1)]),
        FailingVector("to_array", [i(1), i(1)]),
        FailingVector("size_of", [i(3)]),
        FailingVector("size_of", [b(true)]),
        FailingVector("join_arrays", []),
        FailingVector("add_to_array", []),
        FailingVector("upsert_array_replace", [arr(), s("x")]),
    ]

    @Test(arguments: CollectionFunctionTests.failures)
    func failure(_ vector: FailingVector) {
        #expect(throws: FunctionError.self) { try callArray(vector.name, vector.arguments) }
    }
}
