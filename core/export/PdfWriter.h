#pragma once

#include <QIODevice>
#include <QList>
#include <QString>

namespace RebuildRadar {

// A small PDF 1.4 writer for text reports: A4 pages, Helvetica (a standard font every reader has, so
// nothing is embedded), lines and filled rectangles. Pages are written as they are finished, so a
// report of any length streams; only object offsets are kept.
class PdfWriter
{
public:
    explicit PdfWriter(QIODevice &out);
    static constexpr double kWidth = 595.0;
    static constexpr double kHeight = 842.0;
    static constexpr double kMargin = 50.0;

    void beginPage();
    void text(double x, double y, const QString &text, double size = 10, bool bold = false);
    void rect(double x, double y, double w, double h, double r, double g, double b);
    void line(double x1, double y1, double x2, double y2);
    void endPage();
    // Writes the page tree, catalogue and cross-reference table. Returns false on a write error.
    bool finish();
    int pageCount() const { return int(m_pages.size()); }
    // Width of `text` in Helvetica at `size`, for wrapping and right alignment.
    static double textWidth(const QString &text, double size);

private:
    int newObject();
    void write(const QByteArray &bytes);

    QIODevice &m_out;
    qint64 m_offset = 0;
    QList<qint64> m_objects; // offset of each object, by number - 1
    QList<int> m_pages;
    QByteArray m_content;
    bool m_failed = false;
    int m_pagesObject = 0;
};

} // namespace RebuildRadar
