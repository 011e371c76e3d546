// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The QML presign example of README.md, loaded by tst_docqmlsnippets (share() is not called).
import QtQuick
import QtSigV4

Item {
    AwsSigning {
        id: signing
        endpoint: "http://127.0.0.1:5000"
        region: "us-east-1"
        service: "s3"
    }
    function share() {
        //! [presign]
        signing.presign("http://127.0.0.1:5000/bucket/report.pdf", 600, (url, error) => {
            if (error) console.warn(error); else Qt.openUrlExternally(url)
        })
        //! [presign]
    }
}
