// Buckets on the left, the objects of the selected bucket on the right. Every request is a
// plain XMLHttpRequest: AwsSigning makes the engine sign it.
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

    function get(url, done) {
        const xhr = new XMLHttpRequest()
        xhr.onreadystatechange = function() {
            if (xhr.readyState === XMLHttpRequest.DONE)
                done(xhr.status, xhr.responseText)
        }
        xhr.open("GET", url)
        xhr.send()
    }

    function values(xml, element) {
        const out = []
        const re = new RegExp("<" + element + ">([^<]*)</" + element + ">", "g")
        let m
        while ((m = re.exec(xml)) !== null)
            out.push(m[1])
        return out
    }

    function errorText(status, xml) {
        const code = values(xml, "Code")[0] || ("HTTP " + status)
        return code + ": " + (values(xml, "Message")[0] || "no answer")
    }

    function loadBuckets() {
        get(baseUrl() + "/", function(status, xml) {
            if (status !== 200) { root.message = errorText(status, xml); return }
            bucketModel.clear()
            for (const name of values(xml, "Name"))
                bucketModel.append({ name: name })
            root.message = bucketModel.count + " buckets"
            if (bucketModel.count > 0)
                openBucket(bucketModel.get(0).name)
        })
    }

    function openBucket(name) {
        root.bucket = name
        objectModel.clear()
        get(baseUrl() + "/" + name + "?list-type=2&max-keys=200", function(status, xml) {
            if (status !== 200) { root.message = errorText(status, xml); return }
            const keys = values(xml, "Key")
            const sizes = values(xml, "Size")
            for (let i = 0; i < keys.length; ++i)
                objectModel.append({ key: keys[i], size: Number(sizes[i]) })
            root.message = name + ": " + keys.length + " objects"
            if (root.grabFile.length > 0)
                grabTimer.start()
        })
    }

    function humanSize(bytes) {
        const units = ["B", "KiB", "MiB", "GiB"]
        let i = 0
        while (bytes >= 1024 && i < units.length - 1) { bytes /= 1024; ++i }
        return (i === 0 ? bytes : bytes.toFixed(1)) + " " + units[i]
    }

    Timer {
        id: grabTimer
        interval: 200
        onTriggered: root.grabToImage(function(result) { result.saveToFile(root.grabFile); Qt.quit() })
    }

    ListModel { id: bucketModel }
    ListModel { id: objectModel }

    Component.onCompleted: loadBuckets()

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
                MouseArea { anchors.fill: parent; onClicked: root.openBucket(parent.name) }
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
            delegate: Item {
                required property string key
                required property real size
                width: ListView.view.width; height: 24
                Text { x: 8; anchors.verticalCenter: parent.verticalCenter; text: parent.key; elide: Text.ElideMiddle; width: parent.width - 110 }
                Text { anchors.right: parent.right; anchors.rightMargin: 8; anchors.verticalCenter: parent.verticalCenter; text: root.humanSize(parent.size); color: "#555" }
            }
        }
    }

    Text {
        x: 16; y: root.height - 32
        text: root.message
        color: "#444"
    }
}
