// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSHTTPREQUEST_H
#define AWSHTTPREQUEST_H

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>

class QUrl;
class AwsHttpRequestPrivate;

class QTSIGV4_EXPORT AwsHttpRequest
{
public:
    AwsHttpRequest();
    AwsHttpRequest(const QByteArray &method, const QByteArray &target,
                   const AwsHeaderList &headers = AwsHeaderList(),
                   const QByteArray &body = QByteArray());
    AwsHttpRequest(const AwsHttpRequest &other);
    AwsHttpRequest(AwsHttpRequest &&other) noexcept;
    AwsHttpRequest &operator=(const AwsHttpRequest &other);
    AwsHttpRequest &operator=(AwsHttpRequest &&other) noexcept;
    ~AwsHttpRequest();

    void swap(AwsHttpRequest &other) noexcept { d.swap(other.d); }

    static AwsHttpRequest fromRaw(const QByteArray &raw, QString *errorString = nullptr);
    static AwsHttpRequest fromUrl(const QByteArray &method, const QUrl &url,
                                  const AwsHeaderList &headers = AwsHeaderList(),
                                  const QByteArray &body = QByteArray());
    static QByteArray hostHeaderFor(const QUrl &url);
    static QByteArray encodedTargetFor(const QUrl &url);

    bool isNull() const;

    QByteArray method() const;
    void setMethod(const QByteArray &method);
    QByteArray target() const;
    void setTarget(const QByteArray &target);
    QByteArray path() const;
    QByteArray query() const;
    QByteArray httpVersion() const;
    void setHttpVersion(const QByteArray &version);

    AwsHeaderList headers() const;
    void setHeaders(const AwsHeaderList &headers);
    void addHeader(const QByteArray &name, const QByteArray &value);
    void setHeader(const QByteArray &name, const QByteArray &value);
    int removeHeader(const QByteArray &name);
    bool hasHeader(const QByteArray &name) const;
    QByteArray header(const QByteArray &name) const;
    QList<QByteArray> headerValues(const QByteArray &name) const;

    QByteArray body() const;
    void setBody(const QByteArray &body);
    QByteArray payloadHash() const;
    void setPayloadHash(const QByteArray &hexHashOrMarker);

    QByteArray toRaw() const;

private:
    friend class AwsHttpRequestPrivate;
    QSharedDataPointer<AwsHttpRequestPrivate> d;
};

Q_DECLARE_SHARED(AwsHttpRequest)
Q_DECLARE_METATYPE(AwsHttpRequest)

#endif // AWSHTTPREQUEST_H
