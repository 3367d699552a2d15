#include "registry/AuthChallenge.h"

namespace RebuildRadar {
namespace {

bool isTokenChar(char c)
{
    // RFC 7230 tchar
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

class Scanner
{
public:
    explicit Scanner(const QByteArray &text)
        : m_text(text)
    {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t'))
            ++m_pos;
    }
    void skipSpaceAndCommas()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == ','))
            ++m_pos;
    }
    QByteArray token()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isTokenChar(peek()))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }
    QByteArray quoted()
    {
        QByteArray out;
        ++m_pos; // opening quote
        while (!atEnd() && peek() != '"') {
            if (peek() == '\\' && m_pos + 1 < m_text.size())
                ++m_pos;
            out += m_text[m_pos++];
        }
        if (!atEnd())
            ++m_pos; // closing quote
        return out;
    }
    // Bare values: RFC 7235 says token, but real registries send bare URLs too.
    QByteArray bareValue()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && peek() != ',' && peek() != ' ' && peek() != '\t')
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }
    // token68: a base64-ish blob after the scheme (e.g. "Negotiate abc=="); skipped
    void skipUntilComma()
    {
        while (!atEnd() && peek() != ',')
            ++m_pos;
    }
    qsizetype pos() const { return m_pos; }
    void setPos(qsizetype p) { m_pos = p; }

private:
    const QByteArray &m_text;
    qsizetype m_pos = 0;
};

} // namespace

QList<AuthChallenge> parseWwwAuthenticate(const QList<QByteArray> &headerValues)
{
    QList<AuthChallenge> challenges;
    for (const QByteArray &header : headerValues) {
        Scanner s(header);
        AuthChallenge *current = nullptr;
        while (true) {
            s.skipSpaceAndCommas();
            if (s.atEnd())
                break;
            const qsizetype start = s.pos();
            const QByteArray name = s.token();
            if (name.isEmpty()) {
                s.skipUntilComma(); // garbage: skip to the next element
                if (s.pos() == start)
                    s.setPos(start + 1);
                continue;
            }
            s.skipSpace();
            if (s.peek() == '=' && current) {
                // auth-param of the current challenge (token68 values end in '=' too, but never
                // follow a parameter name directly after a comma)
                s.setPos(s.pos() + 1);
                s.skipSpace();
                QByteArray value = s.peek() == '"' ? s.quoted() : s.bareValue();
                current->params.insert(QString::fromUtf8(name).toLower(), QString::fromUtf8(value));
                continue;
            }
            // a new challenge: scheme, then parameters or a token68
            challenges.append(AuthChallenge{QString::fromLatin1(name).toLower(), {}});
            current = &challenges.last();
            s.skipSpace();
            const qsizetype afterScheme = s.pos();
            const QByteArray next = s.token();
            s.skipSpace();
            if (!next.isEmpty() && s.peek() == '=') {
                // first auth-param: rewind and let the loop read it
                s.setPos(afterScheme);
                continue;
            }
            if (!next.isEmpty())
                s.skipUntilComma(); // token68
        }
    }
    return challenges;
}

} // namespace RebuildRadar
