// Buckets on the left, one level of the selected bucket on the right (click a folder to open
// it, ".." to go up). Both lists are S3ObjectModels: their requests are signed with the
// AwsSigning's endpoint, region and credentials, and the right one pages as it scrolls.
import QtQuick
import QtSigV4

Rectangle {
    id: root
    property url endpoint
    property string region: "us-east-1"
    property string profile
    property string keyId
    property string secret
    property string grabFile
    property string bucket
    property string message: "Loading buckets…"

    width: 720; height: 480
    color: "#f6f7f9"

    AwsSigning {
        id: signing
        endpoint: root.endpoint
        region: root.region
        service: "s3"
        profile: root.profile
        accessKeyId: root.keyId
        secretAccessKey: root.secret
    }

    function baseUrl() {
        const e = root.endpoint.toString()
        return e.length > 0 ? e.replace(/\/$/, "") : "https://s3." + root.region + ".amazonaws.com"
    }

    function humanSize(bytes) {
        const units = ["B", "KiB", "MiB", "GiB"]
        let i = 0
        while (bytes >= 1024 && i < units.length - 1) { bytes /= 1024; ++i }
        return (i === 0 ? bytes : bytes.toFixed(1)) + " " + units[i]
    }

    // The buckets, then one level of the selected bucket, a page at a time.
    S3ObjectModel {
        id: bucketModel
        signing: signing
        onStatusChanged: {
            if (status === S3ObjectModel.Error)
                root.message = errorString
            else if (status === S3ObjectModel.Ready && count > 0 && root.bucket === "")
                root.bucket = get(0, "name")
        }
    }
    S3ObjectModel {
        id: objectModel
        signing: signing
        bucket: root.bucket
        pageSize: 200
        onStatusChanged: {
            if (status === S3ObjectModel.Error) {
                root.message = errorString
            } else if (status === S3ObjectModel.Ready) {
                root.message = root.bucket + "/" + prefix + ": " + count + (hasMore ? "+" : "") + " entries"
                if (root.grabFile.length > 0)
                    grabTimer.start()
            }
        }
    }

    Timer {
        id: grabTimer
        interval: 200
        onTriggered: root.grabToImage(function(result) { result.saveToFile(root.grabFile); Qt.quit() })
    }

    Text {
        id: title
        x: 16; y: 12
        text: "<b>S3 from QML</b> — " + root.baseUrl()
        font.pixelSize: 16
    }

    Rectangle {
        id: bucketPane
        x: 16; y: 44; width: 200; height: root.height - 88
        color: "white"; border.color: "#d0d4da"; radius: 4
        ListView {
            anchors.fill: parent; anchors.margins: 4
            clip: true
            model: bucketModel
            delegate: Rectangle {
                required property string name
                width: ListView.view.width; height: 28
                color: name === root.bucket ? "#d7e7fb" : "transparent"; radius: 3
                Text { x: 8; anchors.verticalCenter: parent.verticalCenter; text: parent.name }
                MouseArea { anchors.fill: parent; onClicked: { objectModel.prefix = ""; root.bucket = parent.name } }
            }
        }
    }

    Rectangle {
        x: bucketPane.x + bucketPane.width + 12; y: 44
        width: root.width - x - 16; height: root.height - 88
        color: "white"; border.color: "#d0d4da"; radius: 4
        ListView {
            anchors.fill: parent; anchors.margins: 4
            clip: true
            model: objectModel
            header: Item {
                width: ListView.view.width; height: objectModel.prefix === "" ? 0 : 24
                visible: objectModel.prefix !== ""
                Text { x: 8; anchors.verticalCenter: parent.verticalCenter; text: "..  (up from " + objectModel.prefix + ")"; color: "#1a5fb4" }
                MouseArea {
                    anchors.fill: parent
                    onClicked: {
                        const p = objectModel.prefix.replace(/[^/]*\/$/, "")
                        objectModel.prefix = p
                    }
                }
            }
            delegate: Item {
                required property string name
                required property string key
                required property string kind
                required property real size
                width: ListView.view.width; height: 24
                Text {
                    x: 8; anchors.verticalCenter: parent.verticalCenter; width: parent.width - 110
                    text: parent.name; elide: Text.ElideMiddle
                    color: parent.kind === "folder" ? "#1a5fb4" : "black"
                }
                Text {
                    anchors.right: parent.right; anchors.rightMargin: 8; anchors.verticalCenter: parent.verticalCenter
                    text: parent.kind === "object" ? root.humanSize(parent.size) : ""; color: "#555"
                }
                MouseArea { anchors.fill: parent; enabled: parent.kind === "folder"; onClicked: objectModel.prefix = parent.key }
            }
        }
    }

    Text {
        x: 16; y: root.height - 32
        text: root.message
        color: "#444"
    }
}
