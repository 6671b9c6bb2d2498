// Finding appointments in appointment items ("Udpegning af … til …").

#ifndef SAGSSPOR_PACKET_APPOINTMENTS_H_
#define SAGSSPOR_PACKET_APPOINTMENTS_H_

#include <vector>

#include "model/model.h"
#include "packet/vocabulary.h"

namespace sagsspor::packet {

// Reads the appointments an item makes or recommends: in its Indstilling,
// Beslutning and Sagsfremstilling sections, a verb such as "udpeger" or
// "anbefaler" followed by a person's name, optionally a party letter in
// parentheses and a municipality or organisation after a comma, and
// "som <role>". The body appointed to is named after "til"/"af"/"i" in the
// sentence, else after "til" in the item title. Items whose title is not
// an appointment title give nothing.
std::vector<model::Appointment> FindAppointments(const model::AgendaItem& item,
                                                 const Vocabulary& vocabulary);

}  // namespace sagsspor::packet

#endif  // SAGSSPOR_PACKET_APPOINTMENTS_H_
