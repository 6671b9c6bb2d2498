// The model as JSON, in the shape `sagsspor export` prints and the API
// serves. Field names are part of the public contract (README.md).

#ifndef SAGSSPOR_MODEL_JSON_H_
#define SAGSSPOR_MODEL_JSON_H_

#include <nlohmann/json.hpp>

#include "model/model.h"

namespace sagsspor::model {

nlohmann::json ToJson(const Facts& facts);
nlohmann::json ToJson(const AgendaItem& item);
nlohmann::json ToJson(const Document& document);
// With `source` when the meeting's source is known.
nlohmann::json ToJson(const Meeting& meeting, const Source* source = nullptr);
nlohmann::json ToJson(const Packet& packet);

}  // namespace sagsspor::model

#endif  // SAGSSPOR_MODEL_JSON_H_
