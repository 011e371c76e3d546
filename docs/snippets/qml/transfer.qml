// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The S3Transfer example of README.md, loaded by tst_docqmlsnippets (nothing is started).
import QtQuick
import QtSigV4

Item {
    width: 400; height: 100
    //! [transfer]
    AwsSigning { id: signing; endpoint: "http://127.0.0.1:5000"; region: "us-east-1"; profile: "dev" }

    S3Transfer {
        id: transfer
        signing: signing
        bucket: "videos"
        key: "2024/trip.mp4"
        localFile: "file:///home/me/trip.mp4"
        onFinished: console.log(status === S3Transfer.Finished ? "done" : errorString)
    }
    Column {
        Text { text: Math.round(transfer.progress * 100) + " %, "
                     + Math.round(transfer.bytesPerSecond / 1e6) + " MB/s, "
                     + transfer.secondsRemaining + " s left" }
        Row {
            MouseArea { width: 80; height: 30; onClicked: transfer.upload() }     // or download()
            MouseArea { width: 80; height: 30; onClicked: transfer.stop() }       // resumable
            MouseArea { width: 80; height: 30; onClicked: transfer.cancel() }     // for good
        }
    }
    //! [transfer]
}
