// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awspostpolicy.h>

#include "core/awscrypto_p.h"
#include "core/awssigv4names_p.h"
#include "core/awsutc_p.h"

#include <qtsigv4/awsdate.h>
#include <qtsigv4/awssigningkey.h>

#include <QtCore/qbuffer.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtNetwork/qhttpmultipart.h>

/*!
    \class AwsPostPolicy
    \inmodule QtSigV4
    \brief Builds a signed S3 POST policy: the form fields of a browser-based upload.

    A POST policy lets a browser (or any HTTP client without credentials) upload one object
    straight to S3 with an HTML form: the policy document lists what the form may contain
    (bucket, key or key prefix, size range, fields), expires at a given time, and is signed
    with the SigV4 signing key of the day (the signature is the HMAC of the base64 policy).

    \code
    AwsPostPolicy policy(QStringLiteral("my-bucket"), QStringLiteral("eu-west-1"));
    policy.setKeyPrefix(QStringLiteral("uploads/"));
    policy.setContentLengthRange(1, 10 * 1024 * 1024);
    policy.addField(QStringLiteral("Content-Type"), QStringLiteral("image/png"));
    const AwsHeaderList fields = policy.formFields(credentials);
    const QString html = AwsPostPolicy::htmlForm(policy.actionUrl(), fields);
    // or, from Qt:
    QHttpMultiPart *form = AwsPostPolicy::multiPart(fields, &file, QStringLiteral("cat.png"), "image/png");
    manager.post(QNetworkRequest(policy.actionUrl()), form);
    \endcode

    The form fields come in the order S3 wants: \c key, the added fields, the \c x-amz-*
    fields, \c policy and \c x-amz-signature; the file must be the last part, which
    multiPart() and htmlForm() ensure. The session token of temporary credentials is added as
    \c x-amz-security-token (field and condition). Secrets never appear in the fields.
*/

/*!
    \enum AwsPostPolicy::Error
    \value NoError Nothing went wrong.
    \value InvalidPolicyError The policy lacks its bucket or region, or a condition is invalid.
    \value MissingCredentialsError There are no credentials to sign the policy with.
    \value SigningKeyError The signing key of the policy could not be derived.
*/

namespace {

struct Condition
{
    enum Kind { Exact, StartsWith, FormOnly }; // FormOnly: covered by a starts-with condition
    QString name;
    QString value;
    Kind kind = Exact;
    bool inPolicy() const { return kind != FormOnly; }
    bool inForm() const { return kind != StartsWith; }
};

QJsonValue exact(const QString &name, const QString &value)
{
    return QJsonObject { { name, value } };
}

QJsonValue startsWith(const QString &name, const QString &prefix)
{
    return QJsonArray { QStringLiteral("starts-with"), QLatin1Char('$') + name, prefix };
}

} // namespace

class AwsPostPolicyPrivate : public QSharedData
{
public:
    QString bucket;
    QString region;
    QString key;
    QString keyPrefix;
    QDateTime expiration;
    qint64 expiresIn = AwsPostPolicy::DefaultExpiry;
    qint64 minLength = -1;
    qint64 maxLength = -1;
    QList<Condition> conditions;

    struct Signed
    {
        QByteArray credential;
        QByteArray amzDate;
        QString token;
    };
    Signed signedFor(const AwsCredentials &credentials, const QDateTime &time) const;
    QJsonArray conditionList(const Signed &s) const;
    QString keyField() const { return key.isEmpty() ? keyPrefix + QStringLiteral("${filename}") : key; }
};

AwsPostPolicyPrivate::Signed AwsPostPolicyPrivate::signedFor(const AwsCredentials &credentials,
                                                             const QDateTime &time) const
{
    const QByteArray scope = AwsDate::toScopeDate(time.date()) + '/' + region.toUtf8() + "/s3/"
            + QtSigV4Private::SigV4Names::bytes(QtSigV4Private::SigV4Names::ScopeTerminator);
    return { credentials.accessKeyId().toUtf8() + '/' + scope, AwsDate::toAmzDate(time),
             credentials.sessionToken() };
}

QJsonArray AwsPostPolicyPrivate::conditionList(const Signed &s) const
{
    QJsonArray list { exact(QStringLiteral("bucket"), bucket) };
    list.append(key.isEmpty() ? startsWith(QStringLiteral("key"), keyPrefix) : exact(QStringLiteral("key"), key));
    if (maxLength >= 0)
        list.append(QJsonArray { QStringLiteral("content-length-range"), minLength, maxLength });
    for (const Condition &c : conditions) {
        if (c.inPolicy())
            list.append(c.kind == Condition::StartsWith ? startsWith(c.name, c.value) : exact(c.name, c.value));
    }
    list.append(exact(QStringLiteral("x-amz-algorithm"), QString::fromLatin1(QtSigV4Private::SigV4Names::HmacAlgorithm)));
    list.append(exact(QStringLiteral("x-amz-credential"), QString::fromUtf8(s.credential)));
    list.append(exact(QStringLiteral("x-amz-date"), QString::fromLatin1(s.amzDate)));
    if (!s.token.isEmpty())
        list.append(exact(QStringLiteral("x-amz-security-token"), s.token));
    return list;
}

/*! Constructs an empty policy; set the bucket, region and key before use. */
AwsPostPolicy::AwsPostPolicy() : d(new AwsPostPolicyPrivate) { }

/*! Constructs a policy for uploads to \a bucket in \a region. */
AwsPostPolicy::AwsPostPolicy(const QString &bucket, const QString &region) : d(new AwsPostPolicyPrivate)
{
    d->bucket = bucket;
    d->region = region;
}

AwsPostPolicy::AwsPostPolicy(const AwsPostPolicy &other) = default;
AwsPostPolicy::AwsPostPolicy(AwsPostPolicy &&other) noexcept = default;
AwsPostPolicy &AwsPostPolicy::operator=(const AwsPostPolicy &other) = default;
AwsPostPolicy &AwsPostPolicy::operator=(AwsPostPolicy &&other) noexcept = default;
AwsPostPolicy::~AwsPostPolicy() = default;

/*! The bucket the form uploads to. */
QString AwsPostPolicy::bucket() const { return d->bucket; }
void AwsPostPolicy::setBucket(const QString &bucket) { d->bucket = bucket; }
/*! The region of the bucket: the scope of the signing key and of actionUrl(). */
QString AwsPostPolicy::region() const { return d->region; }
void AwsPostPolicy::setRegion(const QString &region) { d->region = region; }

/*! The exact object key the form must upload to (condition \c{{"key": ...}}). */
QString AwsPostPolicy::key() const { return d->key; }
void AwsPostPolicy::setKey(const QString &key) { d->key = key; }

/*!
    The prefix every uploaded key must start with, used when key() is empty (condition
    \c{["starts-with", "$key", prefix]}); the form's key field is then
    \c{prefix${filename}}, which S3 completes with the name of the uploaded file.
*/
QString AwsPostPolicy::keyPrefix() const { return d->keyPrefix; }
void AwsPostPolicy::setKeyPrefix(const QString &prefix) { d->keyPrefix = prefix; }

/*! The end of the policy's validity; when invalid, expiresInSeconds() after signing. */
QDateTime AwsPostPolicy::expiration() const { return d->expiration; }
void AwsPostPolicy::setExpiration(const QDateTime &expiration) { d->expiration = expiration; }
qint64 AwsPostPolicy::expiresInSeconds() const { return d->expiresIn; }
void AwsPostPolicy::setExpiresInSeconds(qint64 seconds) { d->expiresIn = seconds; }

/*! Limits the size of the uploaded file to \a minimum .. \a maximum bytes. */
void AwsPostPolicy::setContentLengthRange(qint64 minimum, qint64 maximum)
{
    d->minLength = qMax<qint64>(0, minimum);
    d->maxLength = qMax(d->minLength, maximum);
}

/*!
    Adds the form field \a name with \a value, and the policy condition that it must be
    exactly that (e.g. \c acl, \c Content-Type, \c success_action_status, \c x-amz-meta-*).
*/
void AwsPostPolicy::addField(const QString &name, const QString &value)
{
    d->conditions.append({ name, value, Condition::Exact });
}

/*!
    Adds the condition that the field \a name starts with \a prefix (an empty prefix allows
    any value). When \a formValue is not empty, the field is added to the form with it.
*/
void AwsPostPolicy::addStartsWith(const QString &name, const QString &prefix, const QString &formValue)
{
    d->conditions.append({ name, prefix, Condition::StartsWith });
    if (!formValue.isEmpty())
        d->conditions.append({ name, formValue, Condition::FormOnly });
}

/*!
    The policy document (JSON) signed with \a credentials at \a now (the current time when
    invalid), before base64 encoding.
*/
QByteArray AwsPostPolicy::policyDocument(const AwsCredentials &credentials, const QDateTime &now) const
{
    const QDateTime time = (now.isValid() ? now : QDateTime::currentDateTimeUtc()).toUTC();
    const QDateTime expires = d->expiration.isValid() ? d->expiration.toUTC() : time.addSecs(d->expiresIn);
    const QJsonObject document {
        { QStringLiteral("expiration"), expires.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ")) },
        { QStringLiteral("conditions"), d->conditionList(d->signedFor(credentials, time)) },
    };
    return QJsonDocument(document).toJson(QJsonDocument::Compact);
}

/*!
    Signs the policy with \a credentials at \a now (the current time when invalid) and
    returns the form fields, in order. Returns an empty list and sets \a error and
    \a errorString when the policy is incomplete or the credentials cannot sign.
*/
AwsHeaderList AwsPostPolicy::formFields(const AwsCredentials &credentials, const QDateTime &now,
                                        Error *error, QString *errorString) const
{
    const auto fail = [&](Error e, const QString &message) {
        if (error)
            *error = e;
        if (errorString)
            *errorString = message;
        return AwsHeaderList();
    };
    if (d->bucket.isEmpty() || d->region.isEmpty())
        return fail(InvalidPolicyError, QStringLiteral("a POST policy needs a bucket and a region"));
    if (!credentials.isValid())
        return fail(MissingCredentialsError, QStringLiteral("no credentials to sign the POST policy"));
    const QDateTime time = QtSigV4Private::utcFromSecsSinceEpoch(
            (now.isValid() ? now : QDateTime::currentDateTimeUtc()).toSecsSinceEpoch());
    const AwsSigningKey key(credentials, time.date(), d->region, QStringLiteral("s3"));
    const QByteArray policy = policyDocument(credentials, time).toBase64();
    const QByteArray signature = signPolicy(policy, key);
    if (signature.isEmpty())
        return fail(SigningKeyError, QStringLiteral("cannot derive the signing key of the POST policy"));
    if (error)
        *error = NoError;

    const AwsPostPolicyPrivate::Signed s = d->signedFor(credentials, time);
    AwsHeaderList fields { { "key", d->keyField().toUtf8() } };
    for (const Condition &c : std::as_const(d->conditions)) {
        if (c.inForm())
            fields.append({ c.name.toUtf8(), c.value.toUtf8() });
    }
    fields.append({ QByteArrayLiteral("x-amz-algorithm"), QtSigV4Private::SigV4Names::bytes(QtSigV4Private::SigV4Names::HmacAlgorithm) });
    fields.append({ QByteArrayLiteral("x-amz-credential"), s.credential });
    fields.append({ QByteArrayLiteral("x-amz-date"), s.amzDate });
    if (!s.token.isEmpty())
        fields.append({ QByteArrayLiteral("x-amz-security-token"), s.token.toUtf8() });
    fields.append({ QByteArrayLiteral("policy"), policy });
    fields.append({ QByteArrayLiteral("x-amz-signature"), signature });
    return fields;
}

/*!
    The URL the form is posted to: \c{https://BUCKET.s3.REGION.amazonaws.com/}, or, for a
    custom \a endpoint (a local server, an S3-compatible store), the path-style
    \c{ENDPOINT/BUCKET}.
*/
QUrl AwsPostPolicy::actionUrl(const QUrl &endpoint) const
{
    if (endpoint.isValid() && !endpoint.isEmpty()) {
        QUrl url = endpoint;
        url.setPath(url.path() + (url.path().endsWith(u'/') ? QString() : QStringLiteral("/")) + d->bucket);
        return url;
    }
    return QUrl(QStringLiteral("https://%1.s3.%2.amazonaws.com/").arg(d->bucket, d->region));
}

/*!
    The signature of \a base64Policy with \a key (the key of the policy's date, region and
    \c s3): the lower-case hex HMAC-SHA256. Empty when the key cannot be derived.
*/
QByteArray AwsPostPolicy::signPolicy(const QByteArray &base64Policy, const AwsSigningKey &key)
{
    const QByteArray signingKey = key.key();
    return signingKey.isEmpty() ? QByteArray() : QtSigV4Private::hmacSha256(signingKey, base64Policy).toHex();
}

/*!
    An HTML page with a form that posts \a fields (hidden inputs, HTML-escaped) and a file
    input named \a fileField, last as S3 requires, to \a action.
*/
QString AwsPostPolicy::htmlForm(const QUrl &action, const AwsHeaderList &fields, const QString &fileField)
{
    QString html = QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n"
                                  "<form action=\"%1\" method=\"post\" enctype=\"multipart/form-data\">\n")
                           .arg(action.toString(QUrl::FullyEncoded).toHtmlEscaped());
    for (const auto &[name, value] : fields) {
        html += QStringLiteral("  <input type=\"hidden\" name=\"%1\" value=\"%2\">\n")
                        .arg(QString::fromUtf8(name).toHtmlEscaped(), QString::fromUtf8(value).toHtmlEscaped());
    }
    html += QStringLiteral("  <input type=\"file\" name=\"%1\">\n  <input type=\"submit\" value=\"Upload\">\n"
                           "</form>\n</body></html>\n")
                    .arg(fileField.toHtmlEscaped());
    return html;
}

namespace {

QHttpPart filePart(const QString &fileName, const QByteArray &contentType)
{
    QHttpPart part;
    QByteArray name = fileName.toUtf8();
    name.replace('"', "%22");
    part.setRawHeader("Content-Disposition", "form-data; name=\"file\"; filename=\"" + name + '"');
    if (!contentType.isEmpty())
        part.setRawHeader("Content-Type", contentType);
    return part;
}

// The fields, then the file: S3 ignores whatever follows the file.
QHttpMultiPart *formWithFile(const AwsHeaderList &fields, const QHttpPart &file, QObject *parent)
{
    auto *multiPart = new QHttpMultiPart(QHttpMultiPart::FormDataType, parent);
    for (const auto &[name, value] : fields) {
        QHttpPart part;
        part.setRawHeader("Content-Disposition", "form-data; name=\"" + name + '"');
        part.setBody(value);
        multiPart->append(part);
    }
    multiPart->append(file);
    return multiPart;
}

} // namespace

/*!
    A \c multipart/form-data body with \a fields and, last, the file part read from \a file
    (named \a fileName, of \a contentType). \a file must stay open until the upload ends.
    Post it to actionUrl(); the caller owns the result unless \a parent is given.
*/
QHttpMultiPart *AwsPostPolicy::multiPart(const AwsHeaderList &fields, QIODevice *file,
                                         const QString &fileName, const QByteArray &contentType,
                                         QObject *parent)
{
    QHttpPart part = filePart(fileName, contentType);
    part.setBodyDevice(file);
    return formWithFile(fields, part, parent);
}

/*! The same as above with the file's bytes in \a data. */
QHttpMultiPart *AwsPostPolicy::multiPart(const AwsHeaderList &fields, const QByteArray &data,
                                         const QString &fileName, const QByteArray &contentType,
                                         QObject *parent)
{
    QHttpPart part = filePart(fileName, contentType);
    part.setBody(data);
    return formWithFile(fields, part, parent);
}
