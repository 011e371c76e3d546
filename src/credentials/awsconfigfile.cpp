// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awsconfigfile.h>

#include "credentials/awscredentialsutil_p.h"
#include "core/qtsigv4logging_p.h"

#include <QtCore/qdir.h>
#include <QtCore/qfile.h>
#include <QtCore/qfileinfo.h>

/*!
    \class AwsConfigFile
    \inmodule QtSigV4
    \brief Reads the AWS shared config and credentials files, and resolves region and endpoint.

    The parser follows the AWS shared configuration file format as the AWS CLI and SDKs read it:

    \list
    \li Sections are \c{[name]}. In the config file a profile is \c{[profile name]}, except the
        default profile which may be \c{[default]} (\c{[profile default]} wins when both exist);
        other section types are \c{[sso-session name]} and \c{[services name]}. A config file
        section \c{[name]} without the \c profile prefix is ignored, as the SDKs do. In the
        credentials file every section \c{[name]} is a profile.
    \li Properties are \c{key = value}; keys are case-insensitive (stored lower-case), values
        are trimmed. Lines starting with \c # or \c ; are comments; in a value, \c{ #} or
        \c{ ;} preceded by white space starts a comment.
    \li An indented line continues the property above it. When that property's value is empty,
        the indented lines are sub-properties (\c{s3 =} / \c{  addressing_style = path}) and
        are stored as \c{s3.addressing_style}.
    \li Repeated sections are merged; a repeated key takes the last value.
    \endlist

    A malformed line (neither a section, a property, a continuation nor a comment) makes the file
    erroneous: hasError() is \c true and errorString() names the file and the line. A file that
    does not exist is not an error: exists() is \c false and it has no profiles.

    The static helpers read the environment like the AWS CLI: \c AWS_CONFIG_FILE,
    \c AWS_SHARED_CREDENTIALS_FILE, \c AWS_PROFILE (or \c AWS_DEFAULT_PROFILE), \c AWS_REGION,
    \c AWS_DEFAULT_REGION, \c AWS_ENDPOINT_URL, \c{AWS_ENDPOINT_URL_<SERVICE>} and
    \c AWS_IGNORE_CONFIGURED_ENDPOINT_URLS. \c ~ at the start of a path is the home directory
    (\c HOME).
*/

/*!
    \enum AwsConfigFile::FileType
    \value ConfigFile The config file (\c{~/.aws/config}), with \c{[profile name]} sections.
    \value CredentialsFile The credentials file (\c{~/.aws/credentials}), with \c{[name]} sections.
*/

class AwsConfigFilePrivate : public QSharedData
{
public:
    AwsConfigFile::FileType type = AwsConfigFile::ConfigFile;
    QString fileName;
    bool exists = false;
    AwsConfigFile::Error error = AwsConfigFile::NoError;
    QString errorString;
    // Section key: type + '\n' + name, e.g. "profile\ndefault", "services\nlocal".
    QMap<QString, AwsConfigFile::Properties> sections;
    QStringList profileOrder;

    void parse(const QByteArray &data);
};

namespace {

const QString ProfileType = QStringLiteral("profile");

QString sectionKey(const QString &type, const QString &name)
{
    return type + u'\n' + name;
}

bool isCommentStart(QChar c)
{
    return c == u'#' || c == u';';
}

// Strips " #..." / " ;..." (a comment preceded by white space) from a property value.
QString stripValueComment(const QString &value)
{
    for (qsizetype i = 1; i < value.size(); ++i) {
        if (isCommentStart(value.at(i)) && value.at(i - 1).isSpace())
            return value.left(i).trimmed();
    }
    return value.trimmed();
}

} // namespace

void AwsConfigFilePrivate::parse(const QByteArray &data)
{
    const QString text = QString::fromUtf8(data);
    const QStringList lines = text.split(u'\n');
    const QString where = fileName.isEmpty() ? QStringLiteral("<data>") : fileName;

    QString currentKey;        // section key, empty when the section is ignored / none yet
    bool inSection = false;
    bool sectionIgnored = false;
    QString currentProperty;   // the last property of the current section
    bool propertyHasSubProperties = false;

    // Which config-file section produced "default": "[profile default]" wins over "[default]".
    bool sawProfileDefault = false;

    auto fail = [&](int lineNumber, const QString &message) {
        error = AwsConfigFile::ParseError;
        errorString = QStringLiteral("%1:%2: %3").arg(where).arg(lineNumber).arg(message);
    };

    for (int i = 0; i < lines.size(); ++i) {
        const int lineNumber = i + 1;
        QString line = lines.at(i);
        if (line.endsWith(u'\r'))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || isCommentStart(trimmed.at(0)))
            continue;

        const bool indented = line.at(0).isSpace();
        if (indented && !currentProperty.isEmpty() && inSection) {
            // Continuation or sub-property.
            if (sectionIgnored)
                continue;
            AwsConfigFile::Properties &props = sections[currentKey];
            if (propertyHasSubProperties) {
                const qsizetype eq = trimmed.indexOf(u'=');
                if (eq <= 0) {
                    fail(lineNumber, QStringLiteral("expected \"key = value\" in the sub-properties "
                                                    "of \"%1\"")
                                             .arg(currentProperty));
                    return;
                }
                const QString subKey = trimmed.left(eq).trimmed().toLower();
                props.insert(currentProperty + u'.' + subKey,
                             stripValueComment(trimmed.mid(eq + 1)));
            } else {
                props[currentProperty] += u'\n' + stripValueComment(trimmed);
            }
            continue;
        }

        if (trimmed.startsWith(u'[')) {
            const qsizetype close = trimmed.indexOf(u']');
            if (close < 0) {
                fail(lineNumber, QStringLiteral("section header without a closing ']'"));
                return;
            }
            const QString rest = trimmed.mid(close + 1).trimmed();
            if (!rest.isEmpty() && !isCommentStart(rest.at(0))) {
                fail(lineNumber, QStringLiteral("unexpected text after a section header"));
                return;
            }
            const QString header = trimmed.mid(1, close - 1).trimmed();
            if (header.isEmpty()) {
                fail(lineNumber, QStringLiteral("empty section name"));
                return;
            }
            inSection = true;
            sectionIgnored = false;
            currentProperty.clear();
            propertyHasSubProperties = false;

            QString type;
            QString name;
            if (this->type == AwsConfigFile::CredentialsFile) {
                type = ProfileType;
                name = header;
            } else {
                qsizetype space = -1;
                for (qsizetype c = 0; c < header.size(); ++c) {
                    if (header.at(c).isSpace()) {
                        space = c;
                        break;
                    }
                }
                if (header == u"default") {
                    type = ProfileType;
                    name = header;
                    if (sawProfileDefault) {
                        sectionIgnored = true; // "[profile default]" already seen: it wins
                        continue;
                    }
                } else if (space > 0) {
                    type = header.left(space);
                    name = header.mid(space + 1).trimmed();
                    if (type == ProfileType && name == u"default") {
                        if (!sawProfileDefault) {
                            sections.remove(sectionKey(ProfileType, name)); // drop "[default]"
                            sawProfileDefault = true;
                        }
                    }
                } else {
                    qCDebug(lcCredentials).noquote()
                            << where << ":" << lineNumber << ": ignoring section [" << header
                            << "] (config file profiles are [profile NAME])";
                    sectionIgnored = true;
                    continue;
                }
            }
            currentKey = sectionKey(type, name);
            if (!sections.contains(currentKey))
                sections.insert(currentKey, AwsConfigFile::Properties());
            if (type == ProfileType && !profileOrder.contains(name))
                profileOrder.append(name);
            continue;
        }

        const qsizetype eq = trimmed.indexOf(u'=');
        if (eq < 0) {
            fail(lineNumber, QStringLiteral("expected \"key = value\", a [section] or a comment"));
            return;
        }
        if (eq == 0) {
            fail(lineNumber, QStringLiteral("a property without a name"));
            return;
        }
        if (!inSection) {
            fail(lineNumber, QStringLiteral("a property outside of any [section]"));
            return;
        }
        currentProperty = trimmed.left(eq).trimmed().toLower();
        const QString value = stripValueComment(trimmed.mid(eq + 1));
        propertyHasSubProperties = value.isEmpty();
        if (!sectionIgnored)
            sections[currentKey].insert(currentProperty, value);
    }
}

/*!
    Constructs an empty file (no profiles, no error).
*/
AwsConfigFile::AwsConfigFile() : d(new AwsConfigFilePrivate) { }
AwsConfigFile::AwsConfigFile(const AwsConfigFile &other) = default;
AwsConfigFile::AwsConfigFile(AwsConfigFile &&other) noexcept = default;
AwsConfigFile &AwsConfigFile::operator=(const AwsConfigFile &other) = default;
AwsConfigFile &AwsConfigFile::operator=(AwsConfigFile &&other) noexcept = default;
AwsConfigFile::~AwsConfigFile() = default;

/*!
    Reads and parses the file at \a path as a file of \a type. A missing file gives an empty
    result without error; an unreadable or malformed one sets errorString(), as does one larger
    than 1 MiB or one that is not a regular file or a pipe (a device, a directory). A pipe or
    FIFO is read without blocking: its writer must finish within 2 seconds, and one without a
    writer reads as empty.
*/
AwsConfigFile AwsConfigFile::fromFile(const QString &path, FileType type)
{
    AwsConfigFile file;
    file.d->type = type;
    file.d->fileName = path;
    if (!QFileInfo::exists(path))
        return file;
    file.d->exists = true;
    // Bounded and never blocking: /dev/zero or a FIFO without a writer fail (or read empty) at once.
    QByteArray data;
    QString error;
    if (!QtSigV4Private::readSmallFile(path, &data, &error, QtSigV4Private::MaxConfigFileBytes)) {
        file.d->error = ReadError;
        file.d->errorString = error;
        return file;
    }
    file.d->parse(data);
    return file;
}

/*!
    Parses \a data as a file of \a type; \a fileName is used in error messages.
*/
AwsConfigFile AwsConfigFile::fromData(const QByteArray &data, FileType type,
                                      const QString &fileName)
{
    AwsConfigFile file;
    file.d->type = type;
    file.d->fileName = fileName;
    file.d->exists = true;
    file.d->parse(data);
    return file;
}

/*! Returns the type given when the file was read. */
AwsConfigFile::FileType AwsConfigFile::type() const { return d->type; }
/*! Returns the path the file was read from. */
QString AwsConfigFile::fileName() const { return d->fileName; }
/*! Returns \c true when the file existed (or data was parsed). */
bool AwsConfigFile::exists() const { return d->exists; }
/*! Returns \c true when the file could not be read or is malformed. */
bool AwsConfigFile::hasError() const { return !d->errorString.isEmpty(); }
/*!
    \enum AwsConfigFile::Error

    \value NoError The file was read and parsed, or does not exist.
    \value ReadError The file exists but could not be read: unreadable, larger than 1 MiB,
           or not a regular file or pipe.
    \value ParseError The file was read but is malformed; errorString() names the line.
*/

/*! Returns what went wrong reading the file, or NoError. */
AwsConfigFile::Error AwsConfigFile::error() const { return d->error; }

/*! Returns the error, as "file:line: message", or an empty string. */
QString AwsConfigFile::errorString() const { return d->errorString; }

/*!
    Returns the names of the profiles, in the order of their first appearance.
*/
QStringList AwsConfigFile::profileNames() const
{
    return d->profileOrder;
}

/*!
    Returns \c true when a profile called \a name exists.
*/
bool AwsConfigFile::hasProfile(const QString &name) const
{
    return d->sections.contains(sectionKey(ProfileType, name));
}

/*!
    Returns the properties of profile \a name (empty when it does not exist).
*/
AwsConfigFile::Properties AwsConfigFile::profile(const QString &name) const
{
    return d->sections.value(sectionKey(ProfileType, name));
}

/*!
    Returns the value of \a key (lower-case) in \a profile, or a null string.
*/
QString AwsConfigFile::value(const QString &profile, const QString &key) const
{
    return d->sections.value(sectionKey(ProfileType, profile)).value(key.toLower());
}

/*!
    Returns the names of the sections of \a sectionType (e.g. "services", "sso-session").
*/
QStringList AwsConfigFile::sectionNames(const QString &sectionType) const
{
    QStringList names;
    const QString prefix = sectionType + u'\n';
    for (auto it = d->sections.cbegin(); it != d->sections.cend(); ++it) {
        if (it.key().startsWith(prefix))
            names.append(it.key().mid(prefix.size()));
    }
    return names;
}

/*!
    Returns the properties of section \a name of \a sectionType.
*/
AwsConfigFile::Properties AwsConfigFile::section(const QString &sectionType,
                                                 const QString &name) const
{
    return d->sections.value(sectionKey(sectionType, name));
}

/*!
    Returns \a path with a leading \c ~ replaced by the home directory.
*/
QString AwsConfigFile::expandHome(const QString &path)
{
    if (path == u"~")
        return QDir::homePath();
    if (path.startsWith(u"~/") || path.startsWith(u"~\\"))
        return QDir::homePath() + path.mid(1);
    return path;
}

static QString envValue(const char *name)
{
    return qEnvironmentVariable(name).trimmed();
}

/*!
    Returns \c AWS_CONFIG_FILE, or \c{~/.aws/config}.
*/
QString AwsConfigFile::configFilePath()
{
    const QString env = envValue("AWS_CONFIG_FILE");
    return expandHome(env.isEmpty() ? QStringLiteral("~/.aws/config") : env);
}

/*!
    Returns \c AWS_SHARED_CREDENTIALS_FILE, or \c{~/.aws/credentials}.
*/
QString AwsConfigFile::credentialsFilePath()
{
    const QString env = envValue("AWS_SHARED_CREDENTIALS_FILE");
    return expandHome(env.isEmpty() ? QStringLiteral("~/.aws/credentials") : env);
}

/*!
    Returns \c AWS_PROFILE, else \c AWS_DEFAULT_PROFILE, else "default".
*/
QString AwsConfigFile::activeProfileName()
{
    QString name = envValue("AWS_PROFILE");
    if (name.isEmpty())
        name = envValue("AWS_DEFAULT_PROFILE");
    return name.isEmpty() ? QStringLiteral("default") : name;
}

/*!
    Reads the config file named by configFilePath().
*/
AwsConfigFile AwsConfigFile::loadConfig()
{
    return fromFile(configFilePath(), ConfigFile);
}

/*!
    Reads the credentials file named by credentialsFilePath().
*/
AwsConfigFile AwsConfigFile::loadCredentials()
{
    return fromFile(credentialsFilePath(), CredentialsFile);
}

/*!
    Returns the properties of \a profile from \a config, overridden key by key by those of
    \a credentials. \a found is set to whether either file has the profile.
*/
AwsConfigFile::Properties AwsConfigFile::mergedProfile(const AwsConfigFile &config,
                                                       const AwsConfigFile &credentials,
                                                       const QString &profile, bool *found)
{
    Properties merged = config.profile(profile);
    const Properties fromCredentials = credentials.profile(profile);
    for (auto it = fromCredentials.cbegin(); it != fromCredentials.cend(); ++it)
        merged.insert(it.key(), it.value());
    if (found)
        *found = config.hasProfile(profile) || credentials.hasProfile(profile);
    return merged;
}

/*!
    Returns the region: \c AWS_REGION, \c AWS_DEFAULT_REGION, or the \c region of \a profile
    (the active profile when empty) in the config or credentials file. Empty when none is set.
*/
QString AwsConfigFile::resolveRegion(const QString &profile)
{
    QString region = envValue("AWS_REGION");
    if (region.isEmpty())
        region = envValue("AWS_DEFAULT_REGION");
    if (!region.isEmpty())
        return region;
    const QString name = profile.isEmpty() ? activeProfileName() : profile;
    return mergedProfile(loadConfig(), loadCredentials(), name).value(QStringLiteral("region"))
            .trimmed();
}

/*!
    Returns the name of the environment variable that sets the endpoint of \a serviceId,
    e.g. \c AWS_ENDPOINT_URL_STS for "sts" and \c AWS_ENDPOINT_URL_ELASTIC_BEANSTALK for
    "Elastic Beanstalk".
*/
QString AwsConfigFile::endpointEnvironmentVariable(const QString &serviceId)
{
    QString id = serviceId.trimmed().toUpper();
    id.replace(u' ', u'_');
    id.replace(u'-', u'_');
    return QStringLiteral("AWS_ENDPOINT_URL_") + id;
}

static bool isTrue(const QString &value)
{
    return value.trimmed().compare(u"true", Qt::CaseInsensitive) == 0;
}

/*!
    Returns the configured endpoint for \a serviceId (e.g. "sts", "s3"), in the SDKs' order:
    \c{AWS_ENDPOINT_URL_<SERVICE>}, \c AWS_ENDPOINT_URL, the \c endpoint_url of the service in
    the \c{[services NAME]} section named by the profile's \c services key, then the profile's
    own \c endpoint_url. \a profile defaults to the active profile. Returns an empty QUrl when
    nothing is configured or \c AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the profile's
    \c ignore_configured_endpoint_urls) is \c true.
*/
QUrl AwsConfigFile::resolveEndpointUrl(const QString &serviceId, const QString &profile)
{
    if (isTrue(envValue("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")))
        return QUrl();
    const QString specific = qEnvironmentVariable(
            endpointEnvironmentVariable(serviceId).toLatin1().constData()).trimmed();
    if (!specific.isEmpty())
        return QUrl(specific);
    const QString global = envValue("AWS_ENDPOINT_URL");
    if (!global.isEmpty())
        return QUrl(global);

    const QString name = profile.isEmpty() ? activeProfileName() : profile;
    const AwsConfigFile config = loadConfig();
    const Properties props = mergedProfile(config, loadCredentials(), name);
    if (isTrue(props.value(QStringLiteral("ignore_configured_endpoint_urls"))))
        return QUrl();
    const QString servicesName = props.value(QStringLiteral("services"));
    if (!servicesName.isEmpty()) {
        QString id = serviceId.trimmed().toLower();
        id.replace(u' ', u'_');
        id.replace(u'-', u'_');
        const QString url = config.section(QStringLiteral("services"), servicesName)
                                    .value(id + QStringLiteral(".endpoint_url"));
        if (!url.isEmpty())
            return QUrl(url);
    }
    const QString url = props.value(QStringLiteral("endpoint_url"));
    return url.isEmpty() ? QUrl() : QUrl(url);
}
