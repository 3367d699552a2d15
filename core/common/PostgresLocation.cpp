#include "common/PostgresLocation.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace RebuildRadar {

namespace {

// libpq's connection parameters a URI may carry (https://www.postgresql.org/docs/15/libpq-connect.html),
// but for password: the connection's own settings above are taken apart, the rest passed on.
const QStringList kPassedOn{
    QStringLiteral("sslmode"),
    QStringLiteral("sslrootcert"),
    QStringLiteral("sslcert"),
    QStringLiteral("sslkey"),
    QStringLiteral("sslcrl"),
    QStringLiteral("sslpassword"),
    QStringLiteral("sslcompression"),
    QStringLiteral("connect_timeout"),
    QStringLiteral("application_name"),
    QStringLiteral("passfile"),
    QStringLiteral("target_session_attrs"),
    QStringLiteral("keepalives"),
    QStringLiteral("keepalives_idle"),
    QStringLiteral("gssencmode"),
    QStringLiteral("krbsrvname"),
    QStringLiteral("service"),
    QStringLiteral("options"),
    QStringLiteral("channel_binding"),
};

// The URI as a message may show it: a password in it (refused, but a URI can be wrong in two ways at
// once) is masked, whether or not the URI could be parsed.
QString shown(QString uri)
{
    static const QRegularExpression userPassword(QStringLiteral("^([a-z]+://[^/?#@:]*):[^/?#@]*@"));
    static const QRegularExpression passwordParameter(QStringLiteral("([?&]password=)[^&#]*"));
    uri.replace(userPassword, QStringLiteral("\\1:****@"));
    uri.replace(passwordParameter, QStringLiteral("\\1****"));
    return uri;
}

Error badUri(const QString &uri, const QString &why)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("%1 is not a usable PostgreSQL URI: %2").arg(shown(uri), why));
}

} // namespace

bool PostgresLocation::isUri(const QString &location)
{
    return location.startsWith(QStringLiteral("postgresql://")) ||
           location.startsWith(QStringLiteral("postgres://"));
}

Result<PostgresLocation> PostgresLocation::parse(const QString &uri)
{
    const QUrl url(uri, QUrl::StrictMode);
    if (!isUri(uri) || !url.isValid())
        return badUri(uri, QStringLiteral("write it as postgresql://user@host:port/database?sslmode=…"));
    if (!url.password().isEmpty() || url.userInfo().contains(u':'))
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("the PostgreSQL URI holds a password, which would be kept in settings "
                           "and shown in logs: leave it out and put it in ~/.pgpass (or "
                           "PGPASSFILE, or PGPASSWORD). Nothing was opened."));
    PostgresLocation location;
    location.display = uri;
    location.host = url.host(QUrl::FullyDecoded);
    location.port = url.port(-1);
    location.user = url.userName(QUrl::FullyDecoded);
    location.database = url.path(QUrl::FullyDecoded).mid(1);
    if (location.database.contains(u'/'))
        return badUri(uri, QStringLiteral("the path names one database (/dbname)"));
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("password"))
            return makeError(
                ErrorCode::InvalidInput,
                QStringLiteral("the PostgreSQL URI holds a password, which would be kept in "
                               "settings and shown in logs: leave it out and put it in ~/.pgpass "
                               "(or PGPASSFILE, or PGPASSWORD). Nothing was opened."));
        if (key == QLatin1String("host")) {
            location.host = value;
        } else if (key == QLatin1String("port")) {
            bool ok = false;
            location.port = value.toInt(&ok);
            if (!ok || location.port <= 0 || location.port > 65535)
                return badUri(uri, QStringLiteral("port %1 is not a port number").arg(value));
        } else if (key == QLatin1String("user")) {
            location.user = value;
        } else if (key == QLatin1String("dbname")) {
            location.database = value;
        } else if (kPassedOn.contains(key)) {
            if (value.contains(u';') || value.contains(u' ') || value.contains(u'\''))
                return badUri(uri,
                              QStringLiteral("the value of %1 has a space, quote or semicolon").arg(key));
            location.options.append(key + u'=' + value);
        } else {
            return badUri(uri, QStringLiteral("libpq knows no parameter \"%1\"").arg(key));
        }
    }
    if (location.database.isEmpty())
        return badUri(uri, QStringLiteral("it names no database (postgresql://host/dbname)"));
    return location;
}

QString PostgresLocation::identity() const
{
    // Put together by hand: QUrl's setters would drop a host they do not take (a list of hosts) and
    // read a '%' in a name as an escape.
    const auto part = [](const QString &text) { return QString::fromLatin1(QUrl::toPercentEncoding(text)); };
    QString id = QStringLiteral("postgresql://%1@%2:%3/%4")
                     .arg(part(user), part(host.startsWith(u'/') ? host : host.toLower()),
                          port > 0 ? QString::number(port) : QString(), part(database));
    // A service names its own server and login (pg_service.conf).
    for (const QString &option : options)
        if (option.startsWith(QStringLiteral("service=")))
            id += u'?' + part(option);
    return id;
}

} // namespace RebuildRadar
