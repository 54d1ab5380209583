/// The one script: on the contract form, shows the effective terms as overrides are typed.
/// Pages work without it; the form's "Preview" button does the same on the server.
enum Script {
    static let js = """
    document.addEventListener('DOMContentLoaded', function () {
      var form = document.querySelector('form[data-terms]');
      var data = document.getElementById('plan-terms');
      if (!form || !data) return;
      var info = JSON.parse(data.textContent);
      var persian = document.documentElement.lang === 'fa';
      function digits(text) {
        if (!persian) return text;
        return text.replace(/[0-9]/g, function (d) { return '۰۱۲۳۴۵۶۷۸۹'[d]; });
      }
      function group(text) {
        if (!/^-?[0-9]+$/.test(text)) return text;
        return text.replace(/\\B(?=(\\d{3})+(?!\\d))/g, persian ? '٬' : ',');
      }
      function update() {
        var plan = info.plans[form.elements.planCode.value];
        if (!plan) return;
        document.querySelectorAll('[data-effective]').forEach(function (cell) {
          var key = cell.getAttribute('data-effective');
          var field = form.elements['o_' + key];
          var typed = field && field.value.trim() !== '';
          var value = typed ? field.value.trim() : plan[key];
          var labels = info.labels[key];
          cell.textContent = labels && labels[value] ? labels[value] : digits(group(value));
          cell.classList.toggle('overridden', typed);
        });
      }
      form.addEventListener('input', update);
      form.addEventListener('change', update);
      update();
    });

    // The client's signature, drawn with a finger on the technician's phone.
    document.addEventListener('DOMContentLoaded', function () {
      var canvas = document.getElementById('signature-pad');
      var field = document.getElementById('signature');
      if (!canvas || !field) return;
      var ctx = canvas.getContext('2d');
      ctx.lineWidth = 3; ctx.lineCap = 'round'; ctx.strokeStyle = '#1d2433';
      var drawing = false, drawn = false;
      // A form sent back refused keeps the signature drawn before: draw it again.
      if (field.value) {
        var kept = new Image();
        kept.onload = function () { ctx.drawImage(kept, 0, 0, canvas.width, canvas.height); };
        kept.src = field.value;
      }
      function at(e) {
        var r = canvas.getBoundingClientRect();
        return { x: (e.clientX - r.left) * canvas.width / r.width, y: (e.clientY - r.top) * canvas.height / r.height };
      }
      canvas.addEventListener('pointerdown', function (e) {
        drawing = true; canvas.setPointerCapture(e.pointerId);
        var p = at(e); ctx.beginPath(); ctx.moveTo(p.x, p.y); e.preventDefault();
      });
      canvas.addEventListener('pointermove', function (e) {
        if (!drawing) return;
        var p = at(e); ctx.lineTo(p.x, p.y); ctx.stroke(); drawn = true; e.preventDefault();
      });
      canvas.addEventListener('pointerup', function () { drawing = false; });
      document.getElementById('signature-clear').addEventListener('click', function () {
        ctx.clearRect(0, 0, canvas.width, canvas.height); drawn = false; field.value = '';
      });
      canvas.closest('form').addEventListener('submit', function () {
        if (drawn) field.value = canvas.toDataURL('image/png');
      });
    });
    document.addEventListener('DOMContentLoaded', function () {
      document.querySelectorAll('button[data-print]').forEach(function (b) {
        b.addEventListener('click', function () { window.print(); });
      });
    });
    """
}
