import Testing

@testable import DataPrep

/// Every plain function call in the "Adobe's own examples" table of data-prep.md (method calls and
/// `iif` belong to the evaluator).
@Suite struct AdobeExamplesTests {
    static let iPhone =
        "Mozilla/5.0 (iPhone; CPU iPhone OS 5_1_1 like Mac OS X) AppleWebKit/534.46 (KHTML, like Gecko) Version/5.1 Mobile/9B206 Safari/7534.48.3"

    static let vectors: [Vector] = [
        Vector("concat", [s("Hi, "), s("there"), s("!")], s("Hi, there!")),
        Vector("explode", [s("Hi, there!"), s(" ")], arr(s("Hi,"), s("there!"))),
        Vector("instr", [s("adobe.com"), s("com")], i(6)),
        Vector(
            "replacestr", [s("This is a string re test"), s("re"), s("replace")], s("This is a string replace test")),
        Vector("substr", [s("This is a substring test"), i(7), i(8)], s(" a subst")),
        Vector("lower", [s("HeLLo")], s("hello")),
        Vector("lcase", [s("HeLLo")], s("hello")),
        Vector("upper", [s("HeLLo")], s("HELLO")),
        Vector("ucase", [s("HeLLo")], s("HELLO")),
        Vector("split", [s("Hello world"), s(" ")], arr(s("Hello"), s("world"))),
        Vector("join", [s(" "), arr(s("Hello"), s("world"))], s("Hello world")),
        Vector("lpad", [s("bat"), i(8), s("yz")], s("yzyzybat")),
        Vector("rpad", [s("bat"), i(8), s("yz")], s("batyzyzy")),
        Vector("left", [s("abcde"), i(2)], s("ab")),
        Vector("right", [s("abcde"), i(2)], s("de")),
        Vector("ltrim", [s(" hello")], s("hello")),
        Vector("rtrim", [s("hello ")], s("hello")),
        Vector("trim", [s(" hello ")], s("hello")),
        Vector(
            "extract_regex", [s("E259,E259B_009,1_1"), s("([^,]+),[^,]*,([^,]+)")],
            arr(s("E259,E259B_009,1_1"), s("E259"), s("1_1"))),
        Vector("matches_regex", [s("E259,E259B_009,1_1"), s("([^,]+),[^,]*,([^,]+)")], b(true)),
        Vector("sha1", [s("my text"), s("UTF-8")], s("c3599c11e47719df18a2448690840c5dfcce3c80")),
        Vector(
            "sha256", [s("my text"), s("UTF-8")], s("7330d2b39ca35eaf4cb95fc846c21ee6a39af698154a83a586ee270a0d372104")),
        Vector(
            "sha512", [s("my text"), s("UTF-8")],
            s(
                "a3d7e45a0d9be5fd4e4b9a3b8c9c2163c21ef708bf11b4232bb21d2a8704ada2cdcd7b367dd0788a89a5c908cfe377aceb1072a7b386b7d4fd2ff68a8fd24d16"
            )),
        Vector("md5", [s("my text"), s("UTF-8")], s("d3b96ce8c9fb4e9bd0198d03ba6852c7")),
        Vector("crc32", [s("my text"), s("UTF-8")], s("8df92e80")),
        Vector("get_url_protocol", [s("https://platform.adobe.com/home")], s("https")),
        Vector("get_url_host", [s("https://platform.adobe.com/home")], s("platform.adobe.com")),
        Vector("get_url_port", [s("sftp://example.com//home/joe/employee.csv")], i(22)),
        Vector("get_url_path", [s("sftp://example.com//home/joe/employee.csv")], s("//home/joe/employee.csv")),
        Vector(
            "get_url_query_str", [s("foo://example.com:8042/over/there?name=ferret#nose"), s("retain")],
            obj(("name", s("ferret#nose")))),
        Vector(
            "get_url_query_str", [s("foo://example.com:8042/over/there?name=ferret#nose"), s("remove")],
            obj(("name", s("ferret")))),
        Vector(
            "get_url_query_str", [s("foo://example.com:8042/over/there?name=ferret#nose"), s("append")],
            obj(("name", s("ferret")), ("_anchor_", s("nose")))),
        Vector(
            "get_url_encoded", [s("https://example.com/partneralliance_asia-pacific_2022")],
            s("https%3A%2F%2Fexample.com%2Fpartneralliance_asia-pacific_2022")),
        Vector(
            "get_url_decoded", [s("https%3A%2F%2Fexample.com%2Fpartneralliance_asia-pacific_2022")],
            s("https://example.com/partneralliance_asia-pacific_2022")),
        Vector("dformat", [i(1_571_829_875_000), s("yyyy-MM-dd'T'HH:mm:ss.SSSX")], s("2019-10-23T11:24:35.000Z")),
        Vector("is_empty", [arr(i(1), null, i(2), i(3))], b(false)),
        Vector(
            "to_object", [s("firstName"), s("John"), s("lastName"), s("Doe")],
            obj(("firstName", s("John")), ("lastName", s("Doe")))),
        Vector(
            "get_keys", [obj(("book1", s("Pride and Prejudice")), ("book2", s("1984")))], arr(s("book1"), s("book2"))),
        Vector(
            "get_values",
            [s("firstName - John , lastName - Cena , phone - 555 420 8692"), s("firstName"), s("-"), s(",")], s("John")),
        Vector("coalesce", [null, null, null, s("first"), null, s("second")], s("first")),
        Vector("first", [s("1"), s("2"), s("3")], s("1")),
        Vector("last", [s("1"), s("2"), s("3")], s("3")),
        Vector("add_to_array", [arr(s("a"), s("b")), s("c"), s("d")], arr(s("a"), s("b"), s("c"), s("d"))),
        Vector(
            "join_arrays", [arr(s("a"), s("b")), arr(s("c")), arr(s("d"), s("e"))],
            arr(s("a"), s("b"), s("c"), s("d"), s("e"))),
        Vector("to_array", [b(false), i(1), null, i(2), i(3)], arr(i(1), i(2), i(3))),
        Vector("size_of", [arr(i(1), i(2), i(3), i(4))], i(4)),
        Vector("decode", [s("ca"), s("ca"), s("California"), s("pa"), s("Pennsylvania"), s("N/A")], s("California")),
        Vector("decode", [s("pa"), s("ca"), s("California"), s("pa"), s("Pennsylvania"), s("N/A")], s("Pennsylvania")),
        Vector("decode", [s("ny"), s("ca"), s("California"), s("pa"), s("Pennsylvania"), s("N/A")], s("N/A")),
        Vector("min", [i(3), i(1), i(4)], i(1)),
        Vector("max", [i(3), i(1), i(4)], i(4)),
        Vector("to_integer", [s("12")], i(12)),
        Vector("to_decimal", [s("20.5")], n("20.5")),
        Vector("to_bigint", [s("1000000.34")], n("1000000.34")),
        Vector("ua_os_name", [s(iPhone)], s("iOS")),
        Vector("ua_os_version_major", [s(iPhone)], s("iOS 5")),
        Vector("ua_os_version", [s(iPhone)], s("5.1.1")),
        Vector("ua_os_name_version", [s(iPhone)], s("iOS 5.1.1")),
        Vector("ua_agent_version", [s(iPhone)], s("5.1")),
        Vector("ua_agent_version_major", [s(iPhone)], s("Safari 5")),
        Vector("ua_agent_name", [s(iPhone)], s("Safari")),
        Vector("ua_device_class", [s(iPhone)], s("Phone")),
        Vector("upsert_array_append", [arr(i(123), i(456))], arr(i(123), i(456))),
        Vector("upsert_array_replace", [arr(i(123), i(456)), i(1)], arr(i(123), i(456))),
        Vector(
            "to_map", [s("firstName"), s("John"), s("lastName"), s("Doe")],
            obj(("firstName", s("John")), ("lastName", s("Doe")))),
        Vector(
            "object_to_map", [s("firstName"), s("John"), s("lastName"), s("Doe")],
            obj(("firstName", s("John")), ("lastName", s("Doe")))),
    ]

    @Test(arguments: AdobeExamplesTests.vectors)
    func example(_ vector: Vector) throws {
        #expect(try callArray(vector.name, vector.arguments) == vector.expected)
    }

    @Test func nestedExamples() throws {
        // join(" ", to_array(true, "Hello", "world"))
        #expect(try call("join", s(" "), try call("to_array", b(true), s("Hello"), s("world"))) == s("Hello world"))
        // arrays_to_object("sku", explode("id1|id2", "\\|"), "price", [22.5, 14.35])
        let skus = try call("explode", s("id1|id2"), s("\\|"))
        #expect(
            try call("arrays_to_object", s("sku"), skus, s("price"), arr(n("22.5"), n("14.35")))
                == arr(obj(("sku", s("id1")), ("price", n("22.5"))), obj(("sku", s("id2")), ("price", n("14.35")))))
        // str_to_object("firstName - John ; lastName - ; phone - 123 456 7890", "-", ";").get("firstName")
        let object = try call(
            "str_to_object", s("firstName - John ; lastName - ; phone - 123 456 7890"), s("-"), s(";"))
        #expect(object == obj(("firstName", s("John")), ("lastName", s("")), ("phone", s("123 456 7890"))))
        // date("2019-10-23 11:24", "yyyy-MM-dd HH:mm") and date("2019-10-23 11:24")
        #expect(isoText(try call("date", s("2019-10-23 11:24"), s("yyyy-MM-dd HH:mm"))) == "2019-10-23T11:24:00Z")
        #expect(isoText(try call("date", s("2019-10-23 11:24"))) == "2019-10-23T11:24:00Z")
        #expect(
            isoText(try call("date", s("2019-10-23 11:24"), s("yyyy-MM-dd HH:mm"), try call("now")))
                == "2019-10-23T11:24:00Z")
        // date_part("MM", date("2019-10-17 11:55:12"))
        #expect(try call("date_part", s("MM"), try call("date", s("2019-10-17 11:55:12"))) == i(10))
        // set_date_part("m", 4, date("2016-11-09T11:44:44.797")): Adobe prints 2016-04-09T11:44:44Z;
        // the milliseconds are kept here (see docs/DATA-PREP-FUNCTIONS.md).
        let changed = try call("set_date_part", s("m"), i(4), try call("date", s("2016-11-09T11:44:44.797")))
        #expect(isoText(changed) == "2016-04-09T11:44:44.797Z")
        // make_date_time(2019, 10, 17, 11, 55, 12, 999, "America/Los_Angeles"): 11:55:12 there.
        let made = try call(
            "make_date_time", i(2019), i(10), i(17), i(11), i(55), i(12), i(999), s("America/Los_Angeles"))
        #expect(isoText(made) == "2019-10-17T11:55:12-07:00")
        #expect(try call("format", made, s("yyyy-MM-dd HH:mm:ss")) == s("2019-10-17 11:55:12"))
        // zone_date_to_utc of 2019-10-17T11:55:12 PST (UTC-8) is 19:55:12Z.
        let pst = try call("make_date_time", i(2019), i(10), i(17), i(11), i(55), i(12), i(0), s("-08:00"))
        #expect(isoText(try call("zone_date_to_utc", pst)) == "2019-10-17T19:55:12Z")
        // now() and timestamp() come from the injected clock.
        #expect(isoText(try call("now")) == "2021-10-26T10:10:24.571Z")
        #expect(try call("timestamp") == i(1_635_243_024_571))
        // map_get_values / map_has_keys / add_to_map / array_to_map from Adobe's appendix.
        let book = obj(("author", s("George R. R. Martin")), ("price", n("17.99")), ("ISBN", s("ISBN-978-0553801477")))
        #expect(try call("map_get_values", book, s("author")) == obj(("author", s("George R. R. Martin"))))
        #expect(try call("map_has_keys", book, s("author")) == b(true))
        let book2 = obj(
            ("author", s("Neil Gaiman")), ("price", n("17.99")), ("ISBN", s("ISBN-0-380-97365-0")),
            ("publisher", s("William Morrow")))
        #expect(
            try call("add_to_map", book, book2)
                == obj(
                    ("author", s("George R. R. Martin")), ("price", n("17.99")), ("ISBN", s("ISBN-978-0553801477")),
                    ("publisher", s("William Morrow"))))
        let home = obj(("line1", s("345 park ave")), ("type", s("home")))
        let work = obj(("line1", s("345 park ave")), ("type", s("work")))
        #expect(try call("array_to_map", arr(home, work), s("type")) == obj(("home", home), ("work", work)))
        #expect(try call("object_to_map", arr(home, work), s("type")) == obj(("home", home), ("work", work)))
        #expect(try call("object_to_map", home) == home)
        // json_to_object({"info":{"firstName":"John","lastName": "Doe"}})
        #expect(
            try call("json_to_object", s(#"{"info":{"firstName":"John","lastName": "Doe"}}"#))
                == obj(("info", obj(("firstName", s("John")), ("lastName", s("Doe"))))))
        // to_float("12.3456")
        #expect(try call("to_float", s("12.3456")) == n("12.3456"))
    }
}
