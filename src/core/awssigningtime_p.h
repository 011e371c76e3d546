// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSSIGNINGTIME_P_H
#define AWSSIGNINGTIME_P_H

// Internal: the signer's time and date mode, and the request it signs (the caller's, or a
// copy once the date mode changes it).

#include "core/awsdate_p.h"
#include "core/awshttprequest_p.h"
#include "core/awssignerheaders_p.h"
#include "core/awssigningconfig_p.h"

#include <QtCore/qdatetime.h>

#include <optional>

namespace QtSigV4Private {

// Filled in place, never copied: amzDate may refer to written or formatted.
struct SigningTime
{
    QDateTime time;
    bool addAmzDate = false;
    QByteArrayView amzDate; // time in the amz basic form: the request's header, or formatted
    char written[AmzDateSize]; // the usual formatted form, without an allocation
    QByteArray formatted; // any other

    // A null header formats t.
    void set(const QDateTime &t, bool add, QByteArrayView header = QByteArrayView());
};

// The request being signed: the caller's, read in place, until the date mode changes it
// (then a copy of its own).
class RequestInSigning
{
public:
    explicit RequestInSigning(const AwsHttpRequest &input) : m_current(&input) { }
    RequestInSigning(const RequestInSigning &) = delete;
    RequestInSigning &operator=(const RequestInSigning &) = delete;

    const AwsHttpRequest &get() const { return *m_current; }
    const AwsHttpRequestPrivate &fields() const { return AwsHttpRequestPrivate::get(*m_current); }
    AwsHttpRequest &change()
    {
        if (!m_copy) {
            m_copy.emplace(*m_current);
            m_current = &*m_copy;
        }
        return *m_copy;
    }

private:
    const AwsHttpRequest *m_current;
    std::optional<AwsHttpRequest> m_copy;
};

// t in whole seconds, Qt::UTC (the current time when t is invalid).
QDateTime toWholeSecondsUtc(const QDateTime &t);

// The caller's time in whole UTC seconds (the current time when invalid), made on first use
// only: a request with its own date and credentials that never expire do not need it.
class SigningNow
{
public:
    explicit SigningNow(const QDateTime &input) : m_input(input) { }
    SigningNow(const SigningNow &) = delete;
    SigningNow &operator=(const SigningNow &) = delete;

    const QDateTime &get();

private:
    const QDateTime &m_input;
    std::optional<QDateTime> m_now;
};

// Applies the date mode to the request (may remove or rewrite date headers, then scans it
// again into known) and picks the signing time. Returns an error message, or an empty string.
QString resolveSigningTime(RequestInSigning &request, AwsSignerHeaders &known,
                           const AwsSigningConfigPrivate &config, SigningNow &now, SigningTime &out);

} // namespace QtSigV4Private

#endif // AWSSIGNINGTIME_P_H
