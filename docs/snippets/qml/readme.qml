// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The QML example of README.md, loaded by tst_docqmlsnippets.
//! [0]
import QtQuick
import QtSigV4

Item {
    AwsSigning {
        endpoint: "http://127.0.0.1:5000"   // empty: any AWS endpoint, service/region from the host
        region: "us-east-1"
        service: "s3"
        profile: "dev"                       // or accessKeyId / secretAccessKey / sessionToken
    }
    Component.onCompleted: {
        const xhr = new XMLHttpRequest()
        xhr.onreadystatechange = () => { if (xhr.readyState === XMLHttpRequest.DONE) console.log(xhr.status, xhr.responseText) }
        xhr.open("GET", "http://127.0.0.1:5000/")   // ListBuckets, signed
        xhr.send()
    }
}
//! [0]
