// The model as JSON, in the shape `sagsspor export` prints and the API
// serves. Field names are part of the public contract (README.md).

#ifndef SAGSSPOR_MODEL_JSON_H_
#define SAGSSPOR_MODEL_JSON_H_

#include <nlohmann/json.hpp>

#include "model/model.h"

namespace sagsspor::model {

nlohmann::json ToJson(const Extent& extent);
nlohmann::json ToJson(const Facts& facts);
nlohmann::json ToJson(const AgendaItem& item);
nlohmann::json ToJson(const Document& document);
// With `source` when the meeting's source is known.
nlohmann::json ToJson(const Meeting& meeting, const Source* source = nullptr);
nlohmann::json ToJson(const Packet& packet);

// Reads back what ToJson(Facts) wrote (the store keeps facts this way).
Facts FactsFromJson(const nlohmann::json& j);
Extent ExtentFromJson(const nlohmann::json& j);
// "2020-09-07" or "--09-07"; an invalid string gives a zero Date.
Date DateFromIso(const std::string& iso);

}  // namespace sagsspor::model

#endif  // SAGSSPOR_MODEL_JSON_H_
