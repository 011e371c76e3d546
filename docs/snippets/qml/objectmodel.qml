// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The S3ObjectModel example of README.md, loaded by tst_docqmlsnippets (nothing answers on its
// endpoint: the model ends in the Error status).
import QtQuick
import QtSigV4

Item {
    width: 400; height: 300
    //! [objectmodel]
    AwsSigning { id: signing; endpoint: "http://127.0.0.1:5000"; region: "us-east-1"; profile: "dev" }

    ListView {
        anchors.fill: parent
        model: S3ObjectModel {
            id: objects
            signing: signing
            bucket: "photos"          // empty: the buckets
            prefix: "2024/"           // one level below it; delimiter "/" by default
            pageSize: 200             // the view loads the next page as it scrolls
        }
        delegate: Text {
            text: kind === "folder" ? name : name + "  " + size + " bytes"
            MouseArea { anchors.fill: parent; onClicked: if (kind === "folder") objects.prefix = key }
        }
        footer: Text { text: objects.status === S3ObjectModel.Error ? objects.errorString : "" }
    }
    //! [objectmodel]
}
