#include "export/JsonWriter.h"

#include "export/JsonShapes.h"

#include <QJsonDocument>

namespace RebuildRadar {

void JsonWriter::begin(const ReportHeader &)
{
    put(QByteArray("["));
}

void JsonWriter::tag(const ReportTag &t)
{
    put((m_first ? QByteArray("\n") : QByteArray(",\n")) +
        QJsonDocument(historyJson(t.history, m_rolloutWindowMs)).toJson(QJsonDocument::Compact));
    m_first = false;
}

void JsonWriter::end()
{
    put(QByteArray("\n]\n"));
}

} // namespace RebuildRadar
