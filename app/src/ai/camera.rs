//! The webcam, for the model lab's camera examples: opened only when the student asks, shown in a
//! `<video>` element, and read a frame at a time as the square picture the image feature
//! extractor takes (its centre, scaled to 224×224 RGBA). Closing it (or dropping it) stops the
//! camera, so the browser's "camera in use" light goes out.

use js_sys::Uint8Array;
use sprout_runtime::ai::IMAGE_SIDE;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaStream, MediaStreamConstraints};

/// Why the camera could not be opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CameraProblem {
    /// The student (or the browser's settings) refused it.
    Refused,
    /// There is no camera, or the browser offers none to this page.
    Missing,
}

/// An open camera and the canvas its frames are read through.
pub struct Camera {
    stream: MediaStream,
    video: HtmlVideoElement,
    canvas: HtmlCanvasElement,
}

impl Camera {
    /// Asks for the camera and shows it in `video`.
    pub async fn open(video: HtmlVideoElement) -> Result<Camera, CameraProblem> {
        let devices = web_sys::window()
            .and_then(|window| window.navigator().media_devices().ok())
            .ok_or(CameraProblem::Missing)?;
        let constraints = MediaStreamConstraints::new();
        constraints.set_video(&JsValue::TRUE);
        let request = devices.get_user_media_with_constraints(&constraints).map_err(|_| CameraProblem::Missing)?;
        let stream: MediaStream = match JsFuture::from(request).await {
            Ok(stream) => stream.unchecked_into(),
            Err(error) => {
                let name = js_sys::Reflect::get(&error, &"name".into()).ok().and_then(|name| name.as_string());
                return Err(match name.as_deref() {
                    Some("NotAllowedError" | "SecurityError") => CameraProblem::Refused,
                    _ => CameraProblem::Missing,
                });
            }
        };
        video.set_muted(true);
        video.set_src_object(Some(&stream));
        // A muted video may play without a gesture; if it does not, frames are simply not ready.
        if let Ok(playing) = video.play() {
            let _ = JsFuture::from(playing).await;
        }
        let canvas: HtmlCanvasElement = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.create_element("canvas").ok())
            .and_then(|element| element.dyn_into().ok())
            .ok_or(CameraProblem::Missing)?;
        canvas.set_width(IMAGE_SIDE as u32);
        canvas.set_height(IMAGE_SIDE as u32);
        Ok(Camera { stream, video, canvas })
    }

    /// The current frame's centred square as 224×224 RGBA bytes, row by row; `None` before the
    /// camera shows a picture.
    pub fn frame(&self) -> Option<Uint8Array> {
        let (width, height) = (f64::from(self.video.video_width()), f64::from(self.video.video_height()));
        if width == 0.0 || height == 0.0 {
            return None;
        }
        let context: CanvasRenderingContext2d = self.canvas.get_context("2d").ok().flatten()?.dyn_into().ok()?;
        let side = width.min(height);
        let target = IMAGE_SIDE as f64;
        context
            .draw_image_with_html_video_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                &self.video,
                (width - side) / 2.0,
                (height - side) / 2.0,
                side,
                side,
                0.0,
                0.0,
                target,
                target,
            )
            .ok()?;
        let pixels = context.get_image_data(0.0, 0.0, target, target).ok()?.data();
        Some(Uint8Array::from(&pixels[..]))
    }
}

impl Drop for Camera {
    fn drop(&mut self) {
        for track in self.stream.get_tracks() {
            if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                track.stop();
            }
        }
        self.video.set_src_object(None);
    }
}
