#include "merge/template_schema.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using clerk::merge::Shape;
using clerk::merge::ShapeMismatches;
using clerk::merge::Value;

namespace {

// A root with a list of items, each a name and a list of notes.
struct SmallShapes {
  Shape note{"note", {{"text", {Value::Kind::kText}}}};
  Shape item{"item", {{"name", {Value::Kind::kText}}, {"notes", {Value::Kind::kList, &note}}}};
  Shape root{"root", {{"items", {Value::Kind::kList, &item}}}};
};

Value Item(Value name, Value notes) {
  Value item;
  item.Set("name", std::move(name));
  item.Set("notes", std::move(notes));
  return item;
}

Value Note(Value text) { return Value().Set("text", std::move(text)); }

Value Root(Value items) { return Value().Set("items", std::move(items)); }

}  // namespace

TEST_CASE("Every item of a list is compared with the shape, not only the first") {
  SmallShapes shapes;
  Value fine = Item(Value::Text("a"), Value::List().Add(Note(Value::Text("n"))));
  CHECK(ShapeMismatches(Root(Value::List().Add(fine).Add(fine)), shapes.root).empty());

  // The second item has the first's names, but one of a wrong kind.
  Value flagged = Item(Value::Flag(true), Value::List());
  CHECK(ShapeMismatches(Root(Value::List().Add(fine).Add(flagged)), shapes.root) ==
        std::vector<std::string>{"items[1].name is a yes/no flag, not a text"});

  // The second item's names are the first's, but deeper down a note is wrong.
  Value deep =
      Item(Value::Text("b"), Value::List().Add(Note(Value::Text("n"))).Add(Note(Value::List())));
  CHECK(ShapeMismatches(Root(Value::List().Add(fine).Add(deep)), shapes.root) ==
        std::vector<std::string>{"items[1].notes[1].text is a list, not a text"});

  // The third item has other names than the two before it.
  Value other;
  other.Set("name", Value::Text("c"));
  other.Set("extra", Value::Text("x"));
  CHECK(ShapeMismatches(Root(Value::List().Add(fine).Add(fine).Add(other)), shapes.root) ==
        std::vector<std::string>{"items[2].notes is missing",
                                 "items[2].extra is not in the item shape"});
}

TEST_CASE("A name added twice is a mismatch, though the object has as many names as its shape") {
  SmallShapes shapes;
  // As many names as the item shape, every one known, but "notes" is missing.
  Value twice;
  twice.AddField("name", Value::Text("a"));
  twice.AddField("name", Value::Text("b"));
  CHECK(ShapeMismatches(Root(Value::List().Add(twice)), shapes.root) ==
        std::vector<std::string>{"items[0].notes is missing", "items[0].name is set twice"});

  // The same, after an item that fits: the check against the item before it finds it too.
  Value fine = Item(Value::Text("a"), Value::List());
  Value repeated;
  repeated.AddField("name", Value::Text("a"));
  repeated.AddField("notes", Value::List());
  repeated.AddField("notes", Value::List());
  CHECK(ShapeMismatches(Root(Value::List().Add(fine).Add(repeated)), shapes.root) ==
        std::vector<std::string>{"items[1].notes is set twice"});
}
