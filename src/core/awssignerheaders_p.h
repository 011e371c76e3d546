// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSSIGNERHEADERS_P_H
#define AWSSIGNERHEADERS_P_H

// Internal: the header fields the signer reads, found in one pass over a request.

#include "core/awshttprequest_p.h"
#include <QtCore/qbytearray.h>

namespace QtSigV4Private {

// AwsHttpRequest::hasHeader() and header() compare every field's name on each call, and the
// signer asks about six names: one pass instead. Valid while the request is not changed
// (scan() again after a change).
class AwsSignerHeaders
{
public:
    enum Name { Host, Date, AmzDate, ContentSha256, SecurityToken, RegionSet, NameCount };

    explicit AwsSignerHeaders(const AwsHttpRequest &request) { scan(request); }
    void scan(const AwsHttpRequest &request);

    // The request's own list, read in place (no copy).
    const AwsHeaderList &fields() const { return *m_fields; }
    bool has(Name name) const { return m_count[name] > 0; }
    // As AwsHttpRequest::header(): repeated fields' values joined by ','.
    QByteArray value(Name name) const;
    // The same as a view: of the field itself when the name occurs once (no copy), else of
    // the values joined into storage.
    QByteArrayView valueView(Name name, QByteArray &storage) const;

private:
    static int nameOf(QByteArrayView field); // a Name, or -1

    const AwsHeaderList *m_fields = nullptr;
    int m_count[NameCount] = {};
    qsizetype m_first[NameCount] = {};
};

} // namespace QtSigV4Private

#endif // AWSSIGNERHEADERS_P_H
