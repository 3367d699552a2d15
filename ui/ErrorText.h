#pragma once

// How the desktop app words what went wrong: core hands over an Error with a code (and the details it
// knows, such as the registry's own answer); the app says what kind of trouble it is in the user's
// language and keeps the details after it.

#include "common/Result.h"

#include <QString>

namespace RebuildRadar {

// "Network: 127.0.0.1:5000 did not answer within 60 s", "Netzwerk: …", …
QString errorText(const Error &error);

} // namespace RebuildRadar
